// Loading .torrent bytes into lt::torrent_info with the limits Shoal accepts, errors as values.
#pragma once

#include <cstdint>
#include <libtorrent/torrent_info.hpp>
#include <memory>
#include <vector>

#include "shoal/types.h"

namespace shoal::detail {

// A .torrent larger than this is refused (libtorrent's own default is 10 MB, too small for some
// hybrid torrents with many pieces).
inline constexpr std::int64_t kMaxTorrentFileBytes = 64 * 1024 * 1024;
// libtorrent's defaults, which the engine's add (core/engine/add_params.cpp) also applies: a front end
// must not accept what the session would refuse. A v1 file entry costs 6 bencoded items, so about
// 500,000 files fit; a 10^6-file torrent does not, and parsing stays bounded in memory and time.
inline constexpr int kMaxTorrentPieces = 0x200000;
inline constexpr int kMaxDecodeTokens = 3000000;
inline constexpr int kMaxDecodeDepth = 100;

lt::load_torrent_limits torrentLoadLimits();

// The error's message is the reason alone ("the file is empty", "more than 3000000 bencoded items
// ..."), for the caller to prefix with what it was loading.
Result<std::shared_ptr<lt::torrent_info>> loadTorrentInfo(const std::vector<char>& bytes);

}  // namespace shoal::detail
