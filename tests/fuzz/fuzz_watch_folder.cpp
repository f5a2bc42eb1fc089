// Fuzz target: the daemon's watch-folder intake (cli/watch_folder.cpp). Each input is dropped in the
// folder as a .torrent old enough to be picked up, scanned into a LocalSession, then the folder and the
// session are emptied so that runs stay independent and fast.
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

#include "fuzz_support.h"
#include "watch_folder.h"

namespace {

namespace fs = std::filesystem;

// Destroyed at exit in reverse order: the session shuts down before its folder is removed.
struct State {
    shoal::fuzz::ProcessTempDir dir{"shoal-fuzz-watch"};
    std::unique_ptr<shoal::LocalSession> session;
    fs::path watched;
};

std::unique_ptr<State> state;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    spdlog::set_level(spdlog::level::off);  // an error line per rejected file would flood the output
    state = std::make_unique<State>();
    state->session = shoal::fuzz::openQuietSession(state->dir.path());
    state->watched = state->dir.path() / "watch";
    fs::create_directories(state->watched);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const fs::path file = state->watched / "input.torrent";
    std::ofstream(file, std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    // The scan leaves files written in the last second (they may still be being written).
    fs::last_write_time(file, fs::file_time_type::clock::now() - std::chrono::hours(1));

    shoal::cli::WatchFolder folder(state->watched, /*deleteAdded=*/false);
    const int added = folder.scan(*state->session);
    if (added < 0 || added > 1) std::abort();

    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(state->watched, ec)) fs::remove(entry.path(), ec);
    shoal::fuzz::removeAllTorrents(*state->session);
    return 0;
}
