namespace EdgeAgent.Drivers.Mqtt;

public enum BrokerAuthentication
{
    /// <summary>Every client presents its id as user name and its password; ACLs apply (the default).</summary>
    Required = 0,

    /// <summary>Anyone may connect and publish anywhere under <c>dc/</c>: for a lab bench only.</summary>
    Off = 1,
}
