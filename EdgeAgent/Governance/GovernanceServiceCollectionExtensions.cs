using EdgeAgent.Audit;
using EdgeAgent.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdgeAgent.Governance;

public static class GovernanceServiceCollectionExtensions
{
    /// <summary>
    /// Decision rights (section <c>Governance</c>, validated at start), the gate, approvals and their
    /// time-out sweeper, supervision, the audit log, and the operators' bearer tokens (the schemes and policies are
    /// registered by the People room's <c>AddPeople</c>).
    /// </summary>
    public static IServiceCollection AddGovernance(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GovernanceOptions>()
            .Bind(configuration.GetSection(GovernanceOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<RightsBook>();
        services.TryAddSingleton<GovernedActions>();
        services.TryAddSingleton<ApprovalDesk>();
        services.TryAddSingleton<ApprovalSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ApprovalSweeper>());
        services.TryAddSingleton<GovernanceGate>();
        services.TryAddSingleton<Supervision>();
        services.TryAddSingleton<GovernanceMetrics>();
        services.TryAddSingleton<OperatorDirectory>();
        services.AddStoreDocuments("audit", [typeof(AuditRecord), typeof(AuditChainHead), typeof(AuditSubject)], AuditCollections.EnsureIndexes);
        services.TryAddSingleton<AuditChainCheck>();
        services.AddStoreDocuments("governance", [typeof(Approval), typeof(AutomationPause), typeof(RightsDocument)], GovernanceCollections.EnsureIndexes);
        return services;
    }

    /// <summary>Registers the executor the owning part provides for one action type.</summary>
    public static IServiceCollection AddGovernedAction<T>(this IServiceCollection services)
        where T : class, IGovernedAction
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGovernedAction, T>());
        return services;
    }
}
