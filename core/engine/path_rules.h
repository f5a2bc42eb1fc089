// Where a torrent's files may go, checked by the session for every front end (RPC, CLI, GUI): a renamed
// file stays inside its torrent, and a folder for data is absolute. Transmission refuses the same.
#pragma once

#include <string>

#include "shoal/types.h"

namespace shoal::engine {

// A file's new path inside its torrent: relative, no empty, "." or ".." component (so no leading,
// trailing or doubled '/'), no NUL byte. InvalidArgument with the reason otherwise.
Result<void> checkPathInsideTorrent(const std::string& path);

// A folder for a torrent's data (save path, new location): absolute, so that it cannot resolve against
// whatever directory the process was started in. `what` names it in the error ("location").
Result<void> checkAbsoluteFolder(const std::string& path, const std::string& what);

}  // namespace shoal::engine
