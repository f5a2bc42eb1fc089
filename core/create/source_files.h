// Lists the files of a torrent-to-be (a file or a folder) into an lt::file_storage, the way
// lt::add_files does, with folders in a stable sorted order.
#pragma once

#include <filesystem>
#include <libtorrent/file_storage.hpp>
#include <string>

#include "shoal/types.h"

namespace shoal::detail {

struct SourceFiles {
    lt::file_storage storage;  // paths start with the torrent's name
    std::string rootDir;       // the folder holding the source; storage paths are relative to it
};

// BadInput when the source is missing, not a file or folder, or holds no files; Io when a folder
// cannot be read.
Result<SourceFiles> listSourceFiles(const std::filesystem::path& source);

}  // namespace shoal::detail
