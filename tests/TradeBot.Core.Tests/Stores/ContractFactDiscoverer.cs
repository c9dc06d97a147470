using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace TradeBot.Core.Tests.Stores;

/// <summary>Discovers <see cref="ContractFactAttribute"/> tests, none for a class whose required variable is unset.</summary>
public sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        var type = (testMethod.TestClass.Class as IReflectionTypeInfo)?.Type;
        var requirement = type?.GetCustomAttribute<RequiresEnvironmentVariableAttribute>(inherit: true);
        return requirement is not null && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(requirement.Name))
            ? []
            : base.Discover(discoveryOptions, testMethod, factAttribute);
    }
}
