// The session's path rules (see path_rules.h).
#include "engine/path_rules.h"

#include <filesystem>
#include <string_view>

namespace shoal::engine {

Result<void> checkPathInsideTorrent(const std::string& path) {
    const auto refuse = [&](const std::string& why) {
        return makeError(ErrorCode::InvalidArgument, "file path \"" + path + "\" " + why);
    };
    if (path.empty()) return refuse("is empty");
    if (path.find('\0') != std::string::npos) return refuse("contains a NUL byte");
    if (path.front() == '/') return refuse("is absolute: a file stays inside its torrent");
    std::string_view rest = path;
    while (true) {
        const auto slash = rest.find('/');
        const std::string_view part = rest.substr(0, slash);
        if (part.empty()) return refuse("has an empty component");
        if (part == "." || part == "..")
            return refuse("has a \"" + std::string(part) + "\" component: a file stays inside its torrent");
        if (slash == std::string_view::npos) break;
        rest.remove_prefix(slash + 1);
    }
    return {};
}

Result<void> checkAbsoluteFolder(const std::string& path, const std::string& what) {
    if (path.empty()) return makeError(ErrorCode::InvalidArgument, what + " is empty");
    if (path.find('\0') != std::string::npos)
        return makeError(ErrorCode::InvalidArgument, what + " contains a NUL byte");
    if (!std::filesystem::path(path).is_absolute())
        return makeError(ErrorCode::InvalidArgument, what + " must be an absolute path: " + path);
    return {};
}

}  // namespace shoal::engine
