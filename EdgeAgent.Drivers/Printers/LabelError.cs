namespace EdgeAgent.Drivers.Printers;

/// <summary>Why a label could not be rendered.</summary>
public enum LabelError
{
    None = 0,

    /// <summary>Not 18 digits, or the check digit is wrong.</summary>
    InvalidSscc,

    /// <summary>A required field is empty, or the address has no lines or more than four.</summary>
    MissingField,

    /// <summary>A field is longer than fits on the label.</summary>
    FieldTooLong,
}
