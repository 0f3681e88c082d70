using CloudBridge.Ingress;

// The reference central ingress. Configuration: appsettings.json section "Ingress", or --Ingress:Port=5090 etc.
var app = IngressApp.Build(args);
await app.RunAsync();
