using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Domain.Processing.Catalogue;

namespace PanguGraph.Compute.Processing.Operators.Text.Mapping;

/// <summary>
/// Masks personal information. Kinds apply in a fixed order (URLs first so that addresses and
/// numbers inside them go with the URL; ID cards before bank cards because both are long digit
/// runs). Digit runs match only when no further letter or digit touches them. Candidates that fail
/// their check (ID checksum, Luhn, IP parse) stay unmasked.
/// </summary>
public sealed partial class PiiMasker : TextRecordOperator
{
    private readonly IReadOnlyList<(string Kind, Regex Pattern, Func<string, bool> IsValid)> _rules;
    private readonly bool _asterisks;

    public PiiMasker(string textField, IReadOnlyList<string> kinds, string maskStyle)
        : base(OperatorIds.PiiMask, textField)
    {
        _asterisks = maskStyle == "asterisk";
        var all = new (string Kind, Regex Pattern, Func<string, bool> IsValid)[]
        {
            ("url", Url(), _ => true),
            ("email", Email(), _ => true),
            ("ipv6", Ipv6Candidate(), IsIpv6),
            ("ipv4", Ipv4(), _ => true),
            ("id_card", IdCard(), IsValidResidentId),
            ("bank_card", BankCard(), IsLuhnValid),
            ("international_phone", InternationalPhone(), _ => true),
            ("mobile_phone", MobilePhone(), _ => true),
            ("landline_phone", Landline(), _ => true),
        };
        _rules = all.Where(rule => kinds.Contains(rule.Kind)).ToList();
    }

    protected override TextVerdict Evaluate(string text, DataRecord record)
    {
        var result = text;
        foreach (var (kind, pattern, isValid) in _rules)
        {
            result = pattern.Replace(result, match => isValid(match.Value) ? Mask(kind, match.Value) : match.Value);
        }

        return TextVerdict.Rewrite(result);
    }

    private string Mask(string kind, string value) =>
        _asterisks ? new string('*', value.EnumerateRunes().Count()) : $"[{kind.ToUpperInvariant()}]";

    /// <summary>Checks an 18-character resident ID with the ISO 7064 MOD 11-2 check character.</summary>
    public static bool IsValidResidentId(string id)
    {
        ReadOnlySpan<int> weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        const string checkCharacters = "10X98765432";
        if (id.Length != 18)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(id[i]))
            {
                return false;
            }

            sum += (id[i] - '0') * weights[i];
        }

        return char.ToUpperInvariant(id[17]) == checkCharacters[sum % 11];
    }

    /// <summary>Checks a card number (spaces and hyphens ignored) of 13 to 19 digits with the Luhn algorithm.</summary>
    public static bool IsLuhnValid(string candidate)
    {
        var digits = candidate.Where(char.IsAsciiDigit).Select(c => c - '0').ToArray();
        if (digits.Length is < 13 or > 19)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i];
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }

    private static bool IsIpv6(string candidate) =>
        candidate.Count(c => c == ':') >= 2
        && IPAddress.TryParse(candidate, out var address)
        && address.AddressFamily == AddressFamily.InterNetworkV6;

    [GeneratedRegex(@"\b(?:https?|ftp)://[^\s<>""'，。；！？、）】》]+|\bwww\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/[^\s<>""'，。；！？、）】》]*)?", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![0-9A-Za-z:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![0-9A-Za-z:])")]
    private static partial Regex Ipv6Candidate();

    [GeneratedRegex(@"(?<![0-9A-Za-z.])(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?![0-9A-Za-z]|\.[0-9])")]
    private static partial Regex Ipv4();

    [GeneratedRegex(@"(?<![0-9A-Za-z])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")]
    private static partial Regex IdCard();

    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:[0-9]{4}[ -]){3}[0-9]{1,7}(?![0-9A-Za-z])|(?<![0-9A-Za-z])[0-9]{13,19}(?![0-9A-Za-z])")]
    private static partial Regex BankCard();

    [GeneratedRegex(@"(?<![0-9A-Za-z+])\+(?!86[ -]?1[3-9])[1-9][0-9]{0,2}[ -]?(?:\([0-9]{1,4}\)[ -]?)?[0-9]{1,4}(?:[ -]?[0-9]{2,4}){1,4}(?![0-9A-Za-z])")]
    private static partial Regex InternationalPhone();

    [GeneratedRegex(@"(?<![0-9A-Za-z+])(?:\+?86[ -]?)?1[3-9][0-9](?:[0-9]{8}|[ -][0-9]{4}[ -][0-9]{4})(?![0-9A-Za-z])")]
    private static partial Regex MobilePhone();

    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:\(0[1-9][0-9]{1,2}\)[ -]?|0[1-9][0-9]{1,2}-)[2-9][0-9]{6,7}(?:-[0-9]{1,6})?(?![0-9A-Za-z])")]
    private static partial Regex Landline();
}
