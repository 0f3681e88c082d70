using System.Device.I2c;
using System.Text.Json;
using EdgeAgent.Broker;
using EdgeAgent.Configuration;
using EdgeAgent.Drivers.Printers;
using EdgeAgent.Drivers.Sensors;
using EdgeAgent.Handhelds;
using EdgeAgent.Hosting;
using EdgeAgent.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Conveyor;

public static class ConveyorServiceCollectionExtensions
{
    /// <summary>
    /// The conveyor segment (off unless <c>Conveyor:Enabled</c>); after the broker, whose port it needs.
    /// Its GPIO chip (from <c>Conveyor:Gpio</c>), the expander's I²C bus and its printer group are built
    /// here; each is a <c>TryAdd</c>, so a host or a test registered first keeps its own.
    /// </summary>
    public static IServiceCollection AddConveyor(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ConveyorOptions.Section);
        services.AddOptions<ConveyorOptions>()
            .Bind(section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddStoreDocuments("conveyor", [typeof(CartonLabel)]);
        if (!section.GetValue<bool>(nameof(ConveyorOptions.Enabled)))
        {
            services.TryAddSingleton<IConveyorStatus>(ConveyorOff.Instance);
            return services;
        }

        services.TryAddSingleton<SimulatedGpioDriver>();
        services.TryAddSingleton<I2cDeviceFactory>(_ => I2cDevice.Create);
        services.TryAddSingleton(sp => ConveyorDevices.Gpio(
            sp.GetRequiredService<IOptions<ConveyorOptions>>().Value,
            sp.GetRequiredService<SimulatedGpioDriver>,
            sp.GetRequiredService<I2cDeviceFactory>()));
        services.TryAddSingleton<PrinterGroupFactory>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ConveyorOptions>>().Value;
            var site = sp.GetRequiredService<IOptions<AgentOptions>>().Value.Site;
            var broker = sp.GetRequiredService<AgentBroker>();
            var logger = sp.GetRequiredService<ILogger<PrinterGroup>>();
            var time = sp.GetRequiredService<TimeProvider>();
            return onEvent => ConveyorDevices.Printers(options, site, broker, logger, time, onEvent);
        });
        services.AddSingleton<ConveyorLine>();
        services.TryAddSingleton<IConveyorStatus>(sp => sp.GetRequiredService<ConveyorLine>());
        services.AddHostedService(sp => sp.GetRequiredService<ConveyorLine>());
        return services;
    }

    /// <summary><c>POST /api/cartons</c>: the labels of released cartons, by SSCC.</summary>
    public static WebApplication MapCartonEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/cartons", async (HttpRequest request, DurableStore store, CancellationToken ct) =>
        {
            List<NewCartonLabel?>? cartons;
            try
            {
                cartons = await JsonSerializer.DeserializeAsync<List<NewCartonLabel?>>(request.Body, JsonSerializerOptions.Web, ct);
            }
            catch (JsonException ex)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a JSON array of carton labels", detail: ex.Message);
            }

            var problems = CartonBook.Validate(cartons);
            if (problems.Count > 0)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["cartons"] = [.. problems] }, title: "The release has invalid cartons; none were stored");
            }

            var stored = await store.WriteAsync(db => CartonBook.Put(db, cartons!.Select(c => c!)), ct);
            return Results.Json(new { stored }, statusCode: StatusCodes.Status201Created);
        });
        return app;
    }
}
