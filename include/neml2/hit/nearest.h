// "Did you mean" suggestions by edit distance. Header-only and dependency-free on purpose: every
// layer suggests names in its errors, and the compiled-model runtime must not link the parser.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace neml2::hit
{
namespace detail::nearest_impl
{
inline constexpr std::size_t max_word_size = 64;

inline std::string
lower_ascii(std::string_view text)
{
  std::string out(text);
  for (char & c : out)
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  return out;
}

/// Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.
inline std::size_t
edit_distance(std::string_view a, std::string_view b)
{
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i)
    d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j)
    d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i)
    for (std::size_t j = 1; j <= m; ++j)
    {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[n][m];
}

/// How many edits still look like a typo of a word this long.
inline std::size_t
tolerance(std::size_t size)
{
  return std::clamp<std::size_t>(size / 3, 1, 3);
}
} // namespace detail::nearest_impl

/// The candidate closest to `word` by edit distance (case-insensitive), or "" if none is close
/// enough to be a plausible typo.
inline std::string
nearest(std::string_view word, const std::vector<std::string> & candidates)
{
  using namespace detail::nearest_impl;
  if (word.empty() || word.size() > max_word_size)
    return "";
  const std::string w = lower_ascii(word);
  const std::size_t limit = tolerance(w.size());
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const auto & c : candidates)
  {
    if (c.empty() || c.size() > max_word_size)
      continue;
    const std::size_t gap = c.size() > w.size() ? c.size() - w.size() : w.size() - c.size();
    if (gap > limit)
      continue;
    const std::size_t d = edit_distance(w, lower_ascii(c));
    if (d < best_distance)
    {
      best = c;
      best_distance = d;
    }
  }
  return best;
}
} // namespace neml2::hit
