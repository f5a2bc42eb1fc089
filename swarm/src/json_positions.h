// Where each value of a JSON text starts (line and column), by JSON pointer: nlohmann's DOM forgets
// positions, so one extra SAX pass over the text records them for the scenario's messages.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace shoal::swarm {

struct TextPosition {
    int line = 0;  // 1-based; 0 = unknown
    int column = 0;
};

// Line and column of the byte at `offset` (0-based) in `text`.
TextPosition positionOf(std::string_view text, std::size_t offset);

class JsonPositions {
public:
    // Indexes `text`; a text that does not parse gives a partial (or empty) index.
    explicit JsonPositions(std::string_view text);
    // The position of the value at `pointer`, or of its nearest indexed ancestor.
    TextPosition find(const std::string& pointer) const;

private:
    std::map<std::string, TextPosition> positions_;
};

}  // namespace shoal::swarm
