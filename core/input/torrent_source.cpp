// shoal::parseTorrentSource: what a user typed (magnet, bare info-hash, or .torrent path) -> AddRequest.
// Everything is checked here (source_verdict.h), so a session never sees input it would fail on later.
#include <algorithm>
#include <cctype>
#include <exception>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "input/hex.h"
#include "input/source_verdict.h"
#include "input/torrent_limits.h"
#include "shoal/add_request.h"

namespace shoal {
namespace {

namespace fs = std::filesystem;

// A hash pasted from a terminal or a file often carries a newline or spaces: they never belong to it.
std::string trim(const std::string& text) {
    auto notSpace = [](unsigned char c) { return !std::isspace(c); };
    auto begin = std::find_if(text.begin(), text.end(), notSpace);
    auto end = std::find_if(text.rbegin(), text.rend(), notSpace).base();
    return begin < end ? std::string(begin, end) : std::string();
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

Result<AddRequest> checked(AddRequest request) {
    auto verdict = detail::addParamsFor(request);
    if (!verdict) return verdict.error();
    return request;
}

}  // namespace

Result<AddRequest> readTorrentFile(const fs::path& path) {
    const std::string text = path.string();
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (!fs::exists(status)) return makeError(ErrorCode::BadInput, "no such file: " + text);
    if (fs::is_directory(status))
        return makeError(ErrorCode::BadInput, "not a torrent file: " + text + " is a folder");
    if (!fs::is_regular_file(status)) return makeError(ErrorCode::BadInput, "not a regular file: " + text);
    // The size is checked before anything is read: a sparse 8 GiB file must not become 8 GiB of memory.
    const auto size = fs::file_size(path, ec);
    if (ec) return makeError(ErrorCode::BadInput, "cannot read " + text + ": " + ec.message());
    if (size == 0)
        return makeError(ErrorCode::BadInput, "not a valid torrent file: " + text + ": the file is empty");
    if (size > static_cast<std::uintmax_t>(detail::kMaxTorrentFileBytes)) {
        return makeError(ErrorCode::BadInput, "not a valid torrent file: " + text + ": " +
                                                  std::to_string(size) +
                                                  " bytes, more than the 64 MiB a .torrent may have");
    }

    AddRequest request;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return makeError(ErrorCode::BadInput, "cannot read " + text + ": permission denied or unreadable");
    // One byte more than the size: a file that grew since it was measured is not read past the limit.
    request.torrentBytes.resize(static_cast<std::size_t>(size) + 1);
    in.read(request.torrentBytes.data(), static_cast<std::streamsize>(request.torrentBytes.size()));
    if (static_cast<std::uintmax_t>(in.gcount()) != size) {
        return makeError(ErrorCode::BadInput, "cannot read " + text + ": the file changed while it was read");
    }
    request.torrentBytes.resize(static_cast<std::size_t>(size));

    auto verdict = detail::addParamsFor(request);
    if (!verdict)
        return makeError(ErrorCode::BadInput,
                         "not a valid torrent file: " + text + ": " + verdict.error().message);
    return request;
}

Result<AddRequest> parseTorrentSource(const std::string& input) {
    const std::string text = trim(input);
    if (text.empty())
        return makeError(ErrorCode::BadInput,
                         "no torrent given: expected a .torrent file, a magnet link or an info-hash");
    AddRequest request;
    if (lower(text.substr(0, 7)) == "magnet:") {
        request.magnetUri = text;
        return checked(std::move(request));
    }
    if ((text.size() == 40 || text.size() == 64) && detail::isHex(text)) {
        request.infoHash = lower(text);
        return checked(std::move(request));
    }
    return readTorrentFile(text);
}

}  // namespace shoal
