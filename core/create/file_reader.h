// Reads ranges of a torrent's piece space (its files back to back, pad files as zeros) with plain
// pread() into a caller's buffer. One reader per hashing thread; not shared between threads.
#pragma once

#include <cstdint>
#include <libtorrent/file_storage.hpp>
#include <string>

#include "shoal/types.h"

namespace shoal::detail {

class FileReader {
public:
    FileReader(const lt::file_storage& files, std::string rootDir);
    ~FileReader();
    FileReader(const FileReader&) = delete;
    FileReader& operator=(const FileReader&) = delete;

    // Fills buffer with `size` bytes starting at piece `first`. Returns the number of payload bytes
    // read (pad files excluded), or Io naming the file that could not be read.
    Result<std::int64_t> read(lt::piece_index_t first, std::int64_t size, char* buffer);

private:
    Result<void> open(lt::file_index_t file);
    void close();

    const lt::file_storage& files_;
    std::string rootDir_;
    int fd_ = -1;
    lt::file_index_t openFile_{-1};
};

}  // namespace shoal::detail
