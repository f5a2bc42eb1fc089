// A small file system of its own for a test (a tmpfs mounted by the test, root only) that the test can
// fill to the last byte and free again: disk-full behaviour on a real file system, not a fake one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "support/fixtures.h"

namespace shoal::test {

class SmallDisk {
public:
    explicit SmallDisk(std::int64_t bytes);
    ~SmallDisk();  // unmounts (lazily, so a file still open elsewhere cannot keep it mounted)
    SmallDisk(const SmallDisk&) = delete;
    SmallDisk& operator=(const SmallDisk&) = delete;

    // Empty when mounted; otherwise why not (not root, no mount permission), for GTEST_SKIP.
    const std::string& unavailable() const { return unavailable_; }
    const std::filesystem::path& path() const { return mount_; }

    // Writes a filler file until the file system has no byte left; free() removes it.
    void fill();
    // Fills it, then gives back `bytes` (rounded to pages) for the code under test to run into.
    void fillLeaving(std::int64_t bytes);
    void free();
    std::int64_t available() const;

private:
    TempDir dir_{"shoal-small-disk"};
    std::filesystem::path mount_;
    std::string unavailable_;
    bool mounted_ = false;
};

// A valid v1 .torrent of `pieces` 16 KiB pieces (about pieces x 20 bytes) whose piece hashes are made up,
// so nothing is read or hashed: a library row larger than any free page of a full disk.
std::vector<char> torrentWithMadeUpHashes(const std::string& name, int pieces);

// Skips the current test unless a SmallDisk of `bytes` could be mounted; declares `disk`.
#define SHOAL_SMALL_DISK(disk, bytes)                                                     \
    ::shoal::test::SmallDisk disk(bytes);                                                 \
    if (!disk.unavailable().empty()) GTEST_SKIP() << "needs a tmpfs mount: " << disk.unavailable()

}  // namespace shoal::test
