#pragma once

// "Did you mean" suggestions for misspelt keys, flags and commands.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shared::config {

// Levenshtein distance between two strings.
std::size_t editDistance(std::string_view a, std::string_view b);

// The candidate closest to `word` if it is close enough to be a likely typo (at most a
// third of the word's length, and at most 3 edits); nullopt otherwise.
std::optional<std::string> closestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates);

}  // namespace shared::config
