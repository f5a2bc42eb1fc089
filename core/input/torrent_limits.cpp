// Loads .torrent bytes into lt::torrent_info under Shoal's limits; libtorrent throws, we return values.
#include "input/torrent_limits.h"

#include <exception>
#include <libtorrent/bdecode.hpp>
#include <libtorrent/error_code.hpp>
#include <string>

namespace shoal::detail {
namespace {

// libtorrent's words for its limits ("exceeded resource limit") do not say which one, or what it is.
std::string reasonFor(const lt::error_code& ec) {
    if (ec == lt::bdecode_errors::make_error_code(lt::bdecode_errors::limit_exceeded))
        return "more than " + std::to_string(kMaxDecodeTokens) +
               " bencoded items (files, pieces or trackers), more than Shoal loads";
    if (ec == lt::bdecode_errors::make_error_code(lt::bdecode_errors::depth_exceeded))
        return "nested more than " + std::to_string(kMaxDecodeDepth) + " levels deep";
    if (ec == lt::errors::make_error_code(lt::errors::too_many_pieces_in_torrent))
        return "more than " + std::to_string(kMaxTorrentPieces) + " pieces, more than Shoal loads";
    return ec.message();
}

}  // namespace

lt::load_torrent_limits torrentLoadLimits() {
    lt::load_torrent_limits limits;
    limits.max_buffer_size = static_cast<int>(kMaxTorrentFileBytes);
    limits.max_pieces = kMaxTorrentPieces;
    limits.max_decode_tokens = kMaxDecodeTokens;
    limits.max_decode_depth = kMaxDecodeDepth;
    return limits;
}

Result<std::shared_ptr<lt::torrent_info>> loadTorrentInfo(const std::vector<char>& bytes) {
    if (bytes.empty()) return makeError(ErrorCode::BadInput, "the file is empty");
    if (static_cast<std::int64_t>(bytes.size()) > kMaxTorrentFileBytes) {
        return makeError(ErrorCode::BadInput,
                         std::to_string(bytes.size()) + " bytes, more than the 64 MiB a .torrent may have");
    }
    try {
        return std::make_shared<lt::torrent_info>(
            lt::span<const char>(bytes.data(), static_cast<std::ptrdiff_t>(bytes.size())),
            torrentLoadLimits(), lt::from_span);
    } catch (const lt::system_error& e) {
        return makeError(ErrorCode::BadInput, reasonFor(e.code()));
    } catch (const std::exception& e) {  // bad_alloc included: an input never ends the process
        return makeError(ErrorCode::BadInput, e.what());
    }
}

}  // namespace shoal::detail
