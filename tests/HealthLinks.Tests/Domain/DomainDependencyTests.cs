using System.Reflection;

using HealthLinks.Domain;

namespace HealthLinks.Tests.Domain;

public class DomainDependencyTests
{
    [Fact]
    public void Domain_DependsOnNothingButTheBaseLibrary()
    {
        var domainTypes = typeof(Patient).Assembly.GetTypes().Where(t => t.Namespace == "HealthLinks.Domain").ToList();
        Assert.NotEmpty(domainTypes);
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var used = domainTypes.SelectMany(t =>
            t.GetFields(all).Select(f => f.FieldType)
                .Concat(t.GetProperties(all).Select(p => p.PropertyType))
                .Concat(t.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)))
                .Concat(t.GetConstructors(all).SelectMany(c => c.GetParameters().Select(p => p.ParameterType)))
                .Append(t.BaseType ?? typeof(object)));
        var foreign = used.SelectMany(Flatten)
            .Where(t => t.Namespace?.StartsWith("HealthLinks.Domain", StringComparison.Ordinal) != true)
            .Where(t => t.Assembly != typeof(object).Assembly && t.Assembly.GetName().Name?.StartsWith("System.", StringComparison.Ordinal) != true)
            .Select(t => t.FullName)
            .Distinct()
            .ToList();
        Assert.Empty(foreign);
    }

    private static IEnumerable<Type> Flatten(Type t) =>
        t.IsGenericType ? t.GetGenericArguments().SelectMany(Flatten).Append(t.GetGenericTypeDefinition())
        : t.HasElementType ? Flatten(t.GetElementType()!)
        : [t];
}
