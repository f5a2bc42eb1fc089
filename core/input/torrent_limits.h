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

// The error's message is libtorrent's reason alone ("expected value (list, dict, int or string)..."),
// for the caller to prefix with what it was loading.
Result<std::shared_ptr<const lt::torrent_info>> loadTorrentInfo(const std::vector<char>& bytes);

}  // namespace shoal::detail
