// Turns an AddRequest into libtorrent's add_torrent_params, checking everything a user can get wrong.
#pragma once

#include <libtorrent/add_torrent_params.hpp>

#include <vector>

#include "shoal/add_request.h"
#include "shoal/settings.h"

namespace shoal::engine {

struct PreparedAdd {
    lt::add_torrent_params params;
    InfoHashes hashes;
    std::string name;
    std::string savePath;  // absolute, created and writable
    std::string finalSavePath;  // set when it downloads in the incomplete folder: where it moves when done
};

Result<PreparedAdd> prepareAdd(const AddRequest& request, const Settings& settings);

// The resume data of a torrent about to be added, as libtorrent would save it before any progress:
// its flags, trackers and file priorities, without the info dict (the library holds the metainfo).
std::vector<char> firstResumeData(const lt::add_torrent_params& params);

}  // namespace shoal::engine
