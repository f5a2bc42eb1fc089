// SmallDisk: mount(2) of a size-limited tmpfs on a temp dir; filled with plain writes until ENOSPC.
#include "support/small_disk.h"

#include <fcntl.h>
#include <libtorrent/bencode.hpp>
#include <libtorrent/create_torrent.hpp>
#include <libtorrent/file_storage.hpp>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace shoal::test {

namespace fs = std::filesystem;

SmallDisk::SmallDisk(std::int64_t bytes) : mount_(dir_.path() / "mnt") {
    fs::create_directories(mount_);
    if (geteuid() != 0) {
        unavailable_ = "not root";
        return;
    }
    const std::string options = "size=" + std::to_string(bytes) + ",mode=0755";
    if (::mount("tmpfs", mount_.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) != 0) {
        unavailable_ = std::string("mount failed: ") + std::strerror(errno);
        return;
    }
    mounted_ = true;
}

SmallDisk::~SmallDisk() {
    if (mounted_) ::umount2(mount_.c_str(), MNT_DETACH);
}

void SmallDisk::fill() {
    const fs::path filler = mount_ / ".filler";
    const int fd = ::open(filler.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd < 0) return;
    std::vector<char> block(64 * 1024, 'x');
    // Large blocks first, then single bytes, so that not even a small page is left.
    for (std::size_t size : {block.size(), std::size_t{4096}, std::size_t{1}}) {
        while (::write(fd, block.data(), size) == static_cast<ssize_t>(size)) {
        }
    }
    ::close(fd);
}

void SmallDisk::fillLeaving(std::int64_t bytes) {
    fill();
    const fs::path filler = mount_ / ".filler";
    std::error_code ec;
    const auto size = static_cast<std::int64_t>(fs::file_size(filler, ec));
    if (!ec) fs::resize_file(filler, static_cast<std::uintmax_t>(std::max<std::int64_t>(0, size - bytes)), ec);
}

void SmallDisk::free() {
    std::error_code ec;
    fs::remove(mount_ / ".filler", ec);
}

std::int64_t SmallDisk::available() const {
    struct statvfs st {};
    if (::statvfs(mount_.c_str(), &st) != 0) return -1;
    return static_cast<std::int64_t>(st.f_bavail) * static_cast<std::int64_t>(st.f_frsize);
}

std::vector<char> torrentWithMadeUpHashes(const std::string& name, int pieces) {
    lt::file_storage files;
    files.add_file(name, std::int64_t{pieces} * 16 * 1024);
    lt::create_torrent ct(files, 16 * 1024, lt::create_torrent::v1_only);
    const lt::sha1_hash madeUp("01234567890123456789");  // libtorrent takes an all-zero hash for "not set"
    for (lt::piece_index_t i{0}; i < lt::piece_index_t{pieces}; ++i) ct.set_hash(i, madeUp);
    std::vector<char> bytes;
    lt::bencode(std::back_inserter(bytes), ct.generate());
    return bytes;
}

}  // namespace shoal::test
