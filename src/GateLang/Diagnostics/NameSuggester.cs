namespace GateLang.Diagnostics;

/// <summary>Finds the "did you mean" candidate for a misspelled name.</summary>
public static class NameSuggester
{
    /// <summary>
    /// Returns the candidate closest to <paramref name="name"/>, or null when none is close.
    /// Names are compared ignoring case, by optimal string alignment distance (insertions,
    /// deletions, substitutions and swaps of adjacent letters). A candidate is close when the
    /// distance is at most 1, or at most 2 for names of 6 or more letters. Ties go to the
    /// earlier candidate.
    /// </summary>
    public static string? FindClosest(string name, IEnumerable<string> candidates)
    {
        var maxDistance = name.Length >= 6 ? 2 : 1;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            // The distance is at least the difference in length, which also keeps very long
            // names from allocating a large table.
            if (candidate == name || Math.Abs(candidate.Length - name.Length) > maxDistance)
            {
                continue;
            }

            var distance = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance <= maxDistance && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Optimal string alignment distance between two strings.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
