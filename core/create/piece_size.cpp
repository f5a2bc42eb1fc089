// Piece-size rules. v2 hashes are a merkle tree of 16 KiB blocks, hence power-of-two pieces for v2 and
// hybrid; v1 only needs whole 16 KiB blocks.
#include "create/piece_size.h"

#include <string>

namespace shoal::detail {
namespace {

constexpr std::int64_t kTargetPieces = 2000;

bool isPowerOfTwo(std::int64_t n) { return n > 0 && (n & (n - 1)) == 0; }

}  // namespace

std::int64_t autoPieceSize(std::int64_t payloadBytes) {
    // ~1000-2000 pieces keeps .torrent files small and still gives peers many pieces to trade.
    std::int64_t size = kMinPieceSize;
    while (size < kMaxAutoPieceSize && (payloadBytes + size - 1) / size > kTargetPieces) size *= 2;
    return size;
}

Result<std::int64_t> choosePieceSize(std::int64_t requested, TorrentVersion version,
                                     std::int64_t payloadBytes) {
    if (requested == 0) return autoPieceSize(payloadBytes);
    const std::string shown = std::to_string(requested);
    if (requested < kMinPieceSize) {
        return makeError(ErrorCode::InvalidArgument,
                         "piece size " + shown + " is too small: the minimum is 16384 (16 KiB)");
    }
    if (requested > kMaxPieceSize) {
        return makeError(ErrorCode::InvalidArgument,
                         "piece size " + shown + " is too large: the maximum is 134217728 (128 MiB)");
    }
    if (version == TorrentVersion::V1) {
        if (requested % kMinPieceSize != 0) {
            return makeError(ErrorCode::InvalidArgument,
                             "piece size " + shown + " is not a multiple of 16384 (16 KiB)");
        }
    } else if (!isPowerOfTwo(requested)) {
        return makeError(ErrorCode::InvalidArgument, "piece size " + shown +
                                                         " is not a power of two, which v2 and hybrid "
                                                         "torrents need (e.g. 262144, 1048576)");
    }
    return requested;
}

}  // namespace shoal::detail
