// A SAX pass that notes where every key and array element starts. The parser reads through an iterator
// that publishes how far it has read, so each SAX callback knows the offset of the token it just got.
#include "json_positions.h"

#include <iterator>
#include <nlohmann/json.hpp>
#include <vector>

namespace shoal::swarm {
namespace {

// A char iterator that records its furthest position in a shared cell: nlohmann's lexer copies the
// iterator, so the position has to live outside it.
struct TrackingIterator {
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    const char* at = nullptr;
    const char** reached = nullptr;

    reference operator*() const { return *at; }
    TrackingIterator& operator++() {
        ++at;
        *reached = at;
        return *this;
    }
    TrackingIterator operator++(int) {
        TrackingIterator old = *this;
        ++*this;
        return old;
    }
    bool operator==(const TrackingIterator& other) const { return at == other.at; }
    bool operator!=(const TrackingIterator& other) const { return at != other.at; }
};

std::string escapeToken(const std::string& key) {
    std::string out;
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

class PositionSax : public nlohmann::json_sax<nlohmann::json> {
public:
    PositionSax(std::string_view text, const char** reached, std::map<std::string, TextPosition>& out)
        : text_(text), reached_(reached), out_(out) {}

    bool null() override { return value(); }
    bool boolean(bool) override { return value(); }
    bool number_integer(number_integer_t) override { return value(); }
    bool number_unsigned(number_unsigned_t) override { return value(); }
    bool number_float(number_float_t, const string_t&) override { return value(); }
    bool string(string_t&) override { return value(); }
    bool binary(binary_t&) override { return value(); }
    bool start_object(std::size_t) override {
        const std::string pointer = currentPointer();  // before value() moves an array to its next index
        value();
        stack_.push_back({pointer, false, 0, ""});
        return true;
    }
    bool key(string_t& key) override {
        // The lexer stopped right after the key's closing quote: note the key's own position.
        Frame& frame = stack_.back();
        frame.key = key;
        out_.emplace(frame.pointer + "/" + escapeToken(key), here(key.size() + 2));
        return true;
    }
    bool end_object() override {
        stack_.pop_back();
        return true;
    }
    bool start_array(std::size_t) override {
        const std::string pointer = currentPointer();
        value();
        stack_.push_back({pointer, true, 0, ""});
        return true;
    }
    bool end_array() override {
        stack_.pop_back();
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

private:
    struct Frame {
        std::string pointer;
        bool array = false;
        int index = 0;
        std::string key;
    };

    // The pointer of the value being read now.
    std::string currentPointer() const {
        if (stack_.empty()) return "";
        const Frame& frame = stack_.back();
        if (frame.array) return frame.pointer + "/" + std::to_string(frame.index);
        return frame.pointer + "/" + escapeToken(frame.key);
    }

    bool value() {
        if (!stack_.empty() && stack_.back().array) {
            out_.emplace(currentPointer(), here(1));
            ++stack_.back().index;
        } else if (stack_.empty()) {
            out_.emplace("", here(1));
        }
        return true;
    }

    TextPosition here(std::size_t tokenLength) const {
        const auto read = static_cast<std::size_t>(*reached_ - text_.data());
        return positionOf(text_, read >= tokenLength ? read - tokenLength : 0);
    }

    std::string_view text_;
    const char** reached_;
    std::map<std::string, TextPosition>& out_;
    std::vector<Frame> stack_;
};

}  // namespace

TextPosition positionOf(std::string_view text, std::size_t offset) {
    TextPosition position{1, 1};
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++position.line;
            position.column = 1;
        } else {
            ++position.column;
        }
    }
    return position;
}

JsonPositions::JsonPositions(std::string_view text) {
    const char* reached = text.data();
    PositionSax sax(text, &reached, positions_);
    TrackingIterator first{text.data(), &reached};
    TrackingIterator last{text.data() + text.size(), &reached};
    nlohmann::json::sax_parse(first, last, &sax);
}

TextPosition JsonPositions::find(const std::string& pointer) const {
    std::string p = pointer;
    for (;;) {
        auto found = positions_.find(p);
        if (found != positions_.end()) return found->second;
        if (p.empty()) return {};
        p = p.substr(0, p.rfind('/'));
    }
}

}  // namespace shoal::swarm
