// detail::addParamsFor: .torrent bytes, magnet or bare hash -> add_torrent_params, or why not.
#include "input/source_verdict.h"

#include <algorithm>
#include <exception>
#include <libtorrent/magnet_uri.hpp>

#include "input/hex.h"
#include "input/torrent_limits.h"

namespace shoal::detail {
namespace {

Result<lt::add_torrent_params> fromBytes(const std::vector<char>& bytes) {
    auto info = loadTorrentInfo(bytes);
    if (!info) return info.error();
    lt::add_torrent_params params;
    params.info_hashes = (*info)->info_hashes();
    params.ti = std::move(info.value());
    return params;
}

Result<lt::add_torrent_params> fromMagnet(const std::string& uri) {
    lt::error_code ec;
    lt::add_torrent_params params;
    try {
        params = lt::parse_magnet_uri(uri, ec);
    } catch (const std::exception& e) {
        return makeError(ErrorCode::BadInput, std::string("malformed magnet link: ") + e.what());
    }
    if (ec) return makeError(ErrorCode::BadInput, "malformed magnet link: " + ec.message());
    // has_v1()/has_v2() are false for all-zero hashes too: libtorrent reads zeros as "none".
    if (!params.info_hashes.has_v1() && !params.info_hashes.has_v2()) {
        return makeError(ErrorCode::BadInput,
                         "malformed magnet link: it has no usable info-hash (xt=urn:btih: or urn:btmh:, "
                         "not all zeros)");
    }
    return params;
}

Result<lt::add_torrent_params> fromHash(const std::string& hex) {
    if (!isHex(hex) || (hex.size() != 40 && hex.size() != 64))
        return makeError(ErrorCode::BadInput, "not an info-hash (want 40 or 64 hex digits): " + hex);
    if (std::all_of(hex.begin(), hex.end(), [](char c) { return c == '0'; }))
        return makeError(ErrorCode::BadInput, "not a usable info-hash: " + hex + " is all zeros");
    const std::string raw = fromHex(hex);
    lt::add_torrent_params params;
    if (hex.size() == 40)
        params.info_hashes.v1 = lt::sha1_hash(raw.data());
    else
        params.info_hashes.v2 = lt::sha256_hash(raw.data());
    return params;
}

}  // namespace

Result<lt::add_torrent_params> addParamsFor(const AddRequest& request) {
    const int sources =
        !request.torrentBytes.empty() + !request.magnetUri.empty() + !request.infoHash.empty();
    if (sources != 1)
        return makeError(ErrorCode::InvalidArgument,
                         "give exactly one of a .torrent, a magnet or an info-hash");
    if (!request.torrentBytes.empty()) return fromBytes(request.torrentBytes);
    if (!request.magnetUri.empty()) return fromMagnet(request.magnetUri);
    return fromHash(request.infoHash);
}

}  // namespace shoal::detail
