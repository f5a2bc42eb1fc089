// Piece-size rules for new torrents: the automatic choice and the checks on a size the user gave.
#pragma once

#include <cstdint>

#include "shoal/create.h"

namespace shoal::detail {

inline constexpr std::int64_t kMinPieceSize = 16 * 1024;
inline constexpr std::int64_t kMaxAutoPieceSize = 16 * 1024 * 1024;
inline constexpr std::int64_t kMaxPieceSize = 128 * 1024 * 1024;  // libtorrent refuses larger ones

// Smallest power of two in [16 KiB, 16 MiB] that keeps the torrent at or under 2000 pieces.
std::int64_t autoPieceSize(std::int64_t payloadBytes);

// InvalidArgument with a message naming the rule, or the size to use (auto when requested is 0).
Result<std::int64_t> choosePieceSize(std::int64_t requested, TorrentVersion version,
                                     std::int64_t payloadBytes);

}  // namespace shoal::detail
