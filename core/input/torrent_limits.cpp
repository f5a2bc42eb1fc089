// Loads .torrent bytes into lt::torrent_info under Shoal's limits; libtorrent throws, we return values.
#include "input/torrent_limits.h"

#include <exception>
#include <libtorrent/error_code.hpp>

namespace shoal::detail {

Result<std::shared_ptr<const lt::torrent_info>> loadTorrentInfo(const std::vector<char>& bytes) {
    if (bytes.empty()) return makeError(ErrorCode::BadInput, "the file is empty");
    if (static_cast<std::int64_t>(bytes.size()) > kMaxTorrentFileBytes) {
        return makeError(ErrorCode::BadInput, "larger than 64 MiB");
    }
    lt::load_torrent_limits limits;
    limits.max_buffer_size = static_cast<int>(kMaxTorrentFileBytes);
    limits.max_pieces = 0x800000;  // 8 Mi pieces: what 64 MiB of 32-byte v2 hashes could hold
    limits.max_decode_tokens = 10000000;
    try {
        auto info = std::make_shared<const lt::torrent_info>(
            lt::span<const char>(bytes.data(), static_cast<std::ptrdiff_t>(bytes.size())), limits,
            lt::from_span);
        return std::shared_ptr<const lt::torrent_info>(std::move(info));
    } catch (const lt::system_error& e) {
        return makeError(ErrorCode::BadInput, e.code().message());
    } catch (const std::exception& e) {
        return makeError(ErrorCode::BadInput, e.what());
    }
}

}  // namespace shoal::detail
