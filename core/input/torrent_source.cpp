// shoal::parseTorrentSource: what a user typed (magnet, bare info-hash, or .torrent path) -> AddRequest.
// Everything is checked here, so a session never sees input it would fail on later.
#include <algorithm>
#include <cctype>
#include <exception>
#include <filesystem>
#include <fstream>
#include <libtorrent/magnet_uri.hpp>
#include <libtorrent/torrent_info.hpp>
#include <system_error>

#include "input/hex.h"
#include "input/torrent_limits.h"
#include "shoal/add_request.h"

namespace shoal {
namespace {

namespace fs = std::filesystem;

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

Result<AddRequest> fromMagnet(const std::string& uri) {
    lt::error_code ec;
    lt::add_torrent_params params = lt::parse_magnet_uri(uri, ec);
    if (ec) return makeError(ErrorCode::BadInput, "malformed magnet link: " + ec.message());
    if (!params.info_hashes.has_v1() && !params.info_hashes.has_v2()) {
        return makeError(ErrorCode::BadInput,
                         "malformed magnet link: it has no info-hash (xt=urn:btih: or urn:btmh:)");
    }
    AddRequest request;
    request.magnetUri = uri;
    return request;
}

Result<AddRequest> fromFile(const std::string& text) {
    const fs::path path(text);
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (!fs::exists(status)) return makeError(ErrorCode::BadInput, "no such file: " + text);
    if (fs::is_directory(status))
        return makeError(ErrorCode::BadInput, "not a torrent file: " + text + " is a folder");
    if (!fs::is_regular_file(status)) return makeError(ErrorCode::BadInput, "not a regular file: " + text);
    const auto size = fs::file_size(path, ec);
    if (ec) return makeError(ErrorCode::BadInput, "cannot read " + text + ": " + ec.message());
    if (size > detail::kMaxTorrentFileBytes) {
        return makeError(ErrorCode::BadInput, "not a valid torrent file: " + text + ": " +
                                                  std::to_string(size) +
                                                  " bytes, more than the 64 MiB a .torrent may have");
    }

    AddRequest request;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return makeError(ErrorCode::BadInput, "cannot read " + text + ": permission denied or unreadable");
    request.torrentBytes.resize(static_cast<std::size_t>(size));
    in.read(request.torrentBytes.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::uintmax_t>(in.gcount()) != size) {
        return makeError(ErrorCode::BadInput, "cannot read " + text + ": the file changed while it was read");
    }

    auto checked = detail::loadTorrentInfo(request.torrentBytes);
    if (!checked)
        return makeError(ErrorCode::BadInput,
                         "not a valid torrent file: " + text + ": " + checked.error().message);
    return request;
}

}  // namespace

Result<AddRequest> parseTorrentSource(const std::string& input) {
    const std::string text = trim(input);
    if (text.empty())
        return makeError(ErrorCode::BadInput,
                         "no torrent given: expected a .torrent file, a magnet link or an info-hash");
    if (lower(text.substr(0, 7)) == "magnet:") return fromMagnet(text);
    if ((text.size() == 40 || text.size() == 64) && detail::isHex(text)) {
        AddRequest request;
        request.infoHash = lower(text);
        return request;
    }
    return fromFile(text);
}

}  // namespace shoal
