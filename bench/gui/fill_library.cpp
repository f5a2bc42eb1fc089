// Fills a profile with N small torrents (paused, data absent) for the start-up benchmark:
// shoal_fill_library PROFILE_DIR N. Each torrent is a distinct 16 KiB file's v1 torrent.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "shoal/create.h"
#include "shoal/local_session.h"

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: shoal_fill_library PROFILE_DIR N\n");
        return 2;
    }
    const std::filesystem::path profile = argv[1];
    const int count = std::atoi(argv[2]);
    const std::filesystem::path scratch = profile / "fill-scratch";
    std::filesystem::create_directories(scratch);

    shoal::LocalSessionOptions options;
    options.profileDir = profile;
    options.overrides = [](shoal::Settings& s) {
        s.listenInterfaces = "127.0.0.1:0";
        s.enableDht = s.enableLsd = s.enableUpnp = false;
    };
    auto session = shoal::LocalSession::open(options);
    if (!session) {
        std::fprintf(stderr, "shoal_fill_library: %s\n", session.error().message.c_str());
        return 1;
    }
    std::string block(16 * 1024, '\0');
    for (int i = 0; i < count; ++i) {
        const std::filesystem::path file = scratch / ("item-" + std::to_string(i) + ".bin");
        for (std::size_t b = 0; b < block.size(); b += 8) std::snprintf(&block[b], 8, "%07d", i);
        std::ofstream(file, std::ios::binary).write(block.data(), static_cast<std::streamsize>(block.size()));
        shoal::CreateRequest request;
        request.source = file;
        request.version = shoal::TorrentVersion::V1;
        request.threads = 1;
        auto created = shoal::createTorrent(request);
        std::filesystem::remove(file);
        if (!created) {
            std::fprintf(stderr, "shoal_fill_library: %s\n", created.error().message.c_str());
            return 1;
        }
        shoal::AddRequest add;
        add.torrentBytes = created->bytes;
        add.savePath = (profile / "downloads").string();
        add.paused = true;
        add.category = i % 2 == 0 ? "even" : "odd";
        if (auto id = session.value()->add(add); !id) {
            std::fprintf(stderr, "shoal_fill_library: %s\n", id.error().message.c_str());
            return 1;
        }
    }
    session.value()->shutdown();
    std::filesystem::remove_all(scratch);
    std::printf("%d torrents in %s\n", count, profile.c_str());
    return 0;
}
