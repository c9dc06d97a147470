using Xunit.Sdk;

namespace TradeBot.Core.Tests.Stores;

/// <summary>A fact of a contract suite; see <see cref="RequiresEnvironmentVariableAttribute"/> for conditional targets.</summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("TradeBot.Core.Tests.Stores.ContractFactDiscoverer", "TradeBot.Core.Tests")]
public sealed class ContractFactAttribute : FactAttribute;
