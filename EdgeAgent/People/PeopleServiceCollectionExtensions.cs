using EdgeAgent.Governance;
using EdgeAgent.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EdgeAgent.People;

public static class PeopleServiceCollectionExtensions
{
    /// <summary>
    /// Console sign-in (section <c>People</c>, validated at start): people and sessions in the store, the session
    /// cookie and the operators' bearer tokens behind one default scheme, and the policies every endpoint uses
    /// (<see cref="GovernancePolicies"/>); an endpoint that names none needs a viewer.
    /// </summary>
    public static IServiceCollection AddPeople(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PeopleOptions>()
            .Bind(configuration.GetSection(PeopleOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.BackoffSeconds <= o.MaxBackoffSeconds, "People:BackoffSeconds must not exceed People:MaxBackoffSeconds")
            .ValidateOnStart();
        services.TryAddSingleton<PasswordChecker>();
        services.TryAddSingleton<SignInThrottle>();
        services.TryAddSingleton<SessionBook>();
        services.TryAddSingleton<ConsoleSignIn>();
        services.AddHostedService<PeopleStartup>();
        services.AddStoreDocuments("people", PeopleCollections.Documents, PeopleCollections.EnsureIndexes);

        services.AddAuthentication(ConsoleAuthentication.Scheme)
            .AddPolicyScheme(ConsoleAuthentication.Scheme, "Session cookie or bearer token", o => o.ForwardDefaultSelector = ConsoleAuthentication.SelectScheme)
            .AddCookie(ConsoleAuthentication.CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, OperatorAuthenticationHandler>(OperatorAuthenticationHandler.SchemeName, null);
        services.AddOptions<CookieAuthenticationOptions>(ConsoleAuthentication.CookieScheme)
            .Configure<IOptions<PeopleOptions>, SessionBook>((cookie, people, sessions) => ConsoleAuthentication.Configure(cookie, people.Value, sessions));

        string[] viewers = [nameof(PersonRole.Viewer), nameof(PersonRole.Supervisor), nameof(PersonRole.Admin)];
        var viewer = new AuthorizationPolicyBuilder().RequireRole(viewers).Build();
        services.AddAuthorizationBuilder()
            .AddPolicy(GovernancePolicies.Viewer, viewer)
            .AddPolicy(GovernancePolicies.Supervisor, p => p.RequireRole(nameof(PersonRole.Supervisor), nameof(PersonRole.Admin)))
            .AddPolicy(GovernancePolicies.Admin, p => p.RequireRole(nameof(PersonRole.Admin)))
            .AddPolicy(GovernancePolicies.Release, p => p.RequireRole(nameof(PersonRole.Admin), nameof(OperatorRole.Integration)))
            .SetFallbackPolicy(viewer);
        return services;
    }

    /// <summary>The anti-forgery check, between authentication and authorization.</summary>
    public static IApplicationBuilder UseConsoleAntiforgery(this IApplicationBuilder app) => app.UseMiddleware<ConsoleAntiforgery>();
}
