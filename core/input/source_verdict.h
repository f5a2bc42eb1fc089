// The one verdict on a torrent source: whether Shoal accepts a .torrent's bytes, a magnet or a bare
// info-hash, with the same limits and the same message whichever way it came in (info, download, seed,
// remote add, the daemon's RPC and watch folder, the GUI's add dialog).
#pragma once

#include <libtorrent/add_torrent_params.hpp>

#include "shoal/add_request.h"

namespace shoal::detail {

// Exactly one of the request's torrentBytes, magnetUri and infoHash must be set (InvalidArgument
// otherwise). Everything else is BadInput, with these messages:
//   bytes:  the reason alone; callers name the file ("not a valid torrent file: X: <reason>")
//   magnet: "malformed magnet link: <reason>"
//   hash:   "not an info-hash (want 40 or 64 hex digits): X", "not a usable info-hash: X is all zeros"
// An all-zero info-hash is refused in every form: libtorrent takes zeros to mean "no hash", so such a
// torrent could never be found, and the session would fail on it later instead of now.
// The engine's own add (core/engine/add_params.cpp) parses with the same limits (torrent_limits.h).
Result<lt::add_torrent_params> addParamsFor(const AddRequest& request);

}  // namespace shoal::detail
