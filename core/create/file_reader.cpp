// Plain pread() of the piece space. Each hashing thread keeps its current file open, so a large file
// costs one open() per thread, and tells the kernel it reads sequentially (bigger readahead).
#include "create/file_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace shoal::detail {

FileReader::FileReader(const lt::file_storage& files, std::string rootDir)
    : files_(files), rootDir_(std::move(rootDir)) {}

FileReader::~FileReader() { close(); }

void FileReader::close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    openFile_ = lt::file_index_t{-1};
}

Result<void> FileReader::open(lt::file_index_t file) {
    if (file == openFile_) return {};
    close();
    std::string path = files_.file_path(file, rootDir_);
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
        const int error = errno;
        return makeError(ErrorCode::Io, "cannot read " + path + ": " + std::strerror(error));
    }
    ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
    openFile_ = file;
    return {};
}

Result<std::int64_t> FileReader::read(lt::piece_index_t first, std::int64_t size, char* buffer) {
    std::int64_t payload = 0;
    for (const lt::file_slice& slice : files_.map_block(first, 0, size)) {
        if (files_.pad_file_at(slice.file_index)) {
            std::memset(buffer, 0, static_cast<std::size_t>(slice.size));
            buffer += slice.size;
            continue;
        }
        if (auto opened = open(slice.file_index); !opened) return opened.error();
        std::int64_t done = 0;
        while (done < slice.size) {
            ssize_t got = ::pread(fd_, buffer + done, static_cast<std::size_t>(slice.size - done),
                                  static_cast<off_t>(slice.offset + done));
            if (got < 0 && errno == EINTR) continue;
            if (got <= 0) {
                const int error = errno;  // before anything below can overwrite it
                std::string path = files_.file_path(slice.file_index, rootDir_);
                if (got < 0)
                    return makeError(ErrorCode::Io, "cannot read " + path + ": " + std::strerror(error));
                // The size was taken when the file was listed: a short read means it changed under us.
                return makeError(ErrorCode::Io, "file shrank while hashing: " + path);
            }
            done += got;
        }
        buffer += slice.size;
        payload += slice.size;
    }
    return payload;
}

}  // namespace shoal::detail
