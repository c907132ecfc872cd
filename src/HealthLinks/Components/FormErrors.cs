using HealthLinks.Domain;
using HealthLinks.Infrastructure.Localization;
using HealthLinks.Resources;

using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;

namespace HealthLinks.Components;

/// <summary>Puts a handler's rule violations next to the fields they name; violations of no field on the form go to the summary.</summary>
public sealed class FormErrors
{
    private readonly EditContext _context;
    private readonly ValidationMessageStore _store;

    public FormErrors(EditContext context)
    {
        _context = context;
        _store = new ValidationMessageStore(context);
        context.OnFieldChanged += (_, e) => _store.Clear(e.FieldIdentifier);
    }

    public void Show(IReadOnlyList<RuleViolation> violations, IStringLocalizer<Strings> l, params object[] models)
    {
        _store.Clear();
        foreach (var v in violations)
        {
            var owner = models.FirstOrDefault(m => m.GetType().GetProperty(v.Field) is not null);
            var field = owner is null ? new FieldIdentifier(_context.Model, "") : new FieldIdentifier(owner, v.Field);
            _store.Add(field, l.Rule(v));
        }

        _context.NotifyValidationStateChanged();
    }

    public void Clear()
    {
        _store.Clear();
        _context.NotifyValidationStateChanged();
    }
}
