// Bounded JSON parsing and UTF-8-safe dumps for the RPC (see json_text.h).
#include "rpc/json_text.h"

#include "shoal/text.h"

namespace shoal::rpc {

int jsonNestingDepth(std::string_view text, int limit) {
    int depth = 0, deepest = 0;
    bool inString = false, escaped = false;
    for (const char c : text) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > deepest) deepest = depth;
            if (deepest > limit) return deepest;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

Result<nlohmann::json> parseJsonBounded(std::string_view text) {
    if (jsonNestingDepth(text) > kMaxJsonDepth)
        return makeError(ErrorCode::BadInput,
                         "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    // nlohmann's parser itself keeps its own stack on the heap; the limit above protects what comes
    // after it (copies, dumps, the destructor of a partly built value).
    nlohmann::json value = nlohmann::json::parse(text, nullptr, false);
    if (value.is_discarded()) return makeError(ErrorCode::BadInput, "the body is not JSON");
    return value;
}

std::string dumpJson(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json settingsForAnswer(const Settings& settings) {
    try {
        return nlohmann::json::parse(settingsToJson(settings));
    } catch (const nlohmann::json::exception&) {
        Settings shown = settings;
        for (std::string* text : {&shown.listenInterfaces, &shown.outgoingInterfaces, &shown.defaultSavePath,
                                  &shown.incompleteSavePath, &shown.peerFingerprint, &shown.userAgent})
            *text = validUtf8(*text);
        for (std::string& node : shown.dhtBootstrapNodes) node = validUtf8(node);
        return nlohmann::json::parse(settingsToJson(shown));
    }
}

}  // namespace shoal::rpc
