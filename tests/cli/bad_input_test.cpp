// What `shoal` does with input it cannot use: the documented exit code, one "shoal: ..." line on stderr,
// and nothing written.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "cli/cli_fixtures.h"
#include "cli/shoal_process.h"
#include "support/fixtures.h"

namespace shoal::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class CliBadInput : public ::testing::Test {
protected:
    void SetUp() override {
        if (!shoalBuilt()) GTEST_SKIP() << "shoal not built";
    }

    // A small valid v1 torrent of a 1 MiB file, for cases where only one other thing is wrong.
    fs::path validTorrent() {
        payload_ = makeFilePayload(dir_.path() / "source", "small.bin", 1024 * 1024);
        const fs::path torrent = dir_.path() / "small.torrent";
        EXPECT_TRUE(shoalCreate(payload_, torrent, {"--v1"}));
        return torrent;
    }

    // Runs shoal and checks the failure's shape; `output` and `profile` must not have been created.
    void expectFailure(const std::vector<std::string>& args, int code, const fs::path& output = {}) {
        const RunResult r = runShoal(args, 30s);
        std::string all;
        for (const auto& a : args) all += " " + a;
        SCOPED_TRACE("shoal" + all);
        EXPECT_EQ(r.exitCode, code) << "stdout: " << r.out << "\nstderr: " << r.err;
        const auto lines = linesOf(r.err);
        ASSERT_EQ(lines.size(), 1u) << "stderr: " << r.err;
        EXPECT_EQ(lines[0].rfind("shoal: ", 0), 0u) << lines[0];
        EXPECT_GT(lines[0].size(), std::string("shoal: ").size() + 5) << lines[0];
        if (!output.empty()) {
            EXPECT_FALSE(fs::exists(output)) << output << " was written";
        }
    }

    // Options for a download/seed that must never get as far as the network.
    std::vector<std::string> offlineArgs() { return loopbackArgs("127.0.0.9", profile()); }
    fs::path profile() const { return dir_.path() / "profile"; }

    TempDir dir_{"shoal-cli-bad-input"};
    Payload payload_;
};

TEST_F(CliBadInput, MissingTorrentFileIsBadInput) {
    const fs::path out = dir_.path() / "out";
    expectFailure(
        concat({"download", (dir_.path() / "no-such.torrent").string(), "-o", out.string()}, offlineArgs()),
        3, out);
    EXPECT_FALSE(fs::exists(profile())) << "a profile was created for a download that could not start";
}

TEST_F(CliBadInput, MalformedTorrentFileIsBadInput) {
    const fs::path garbage = dir_.path() / "garbage.torrent";
    writeRandomFile(garbage, 4096, 99);
    const fs::path out = dir_.path() / "out";
    expectFailure(concat({"download", garbage.string(), "-o", out.string()}, offlineArgs()), 3, out);
    EXPECT_FALSE(fs::exists(profile())) << "a profile was created for a download that could not start";
    expectFailure({"info", garbage.string()}, 3);
}

TEST_F(CliBadInput, MalformedMagnetIsBadInput) {
    const fs::path out = dir_.path() / "out";
    expectFailure(concat({"download", "magnet:?xt=urn:btih:not-a-hash", "-o", out.string()}, offlineArgs()),
                  3, out);
    expectFailure({"info", "magnet:?dn=no-hash-at-all"}, 3);
    expectFailure(concat({"download", "0123456789abcdef", "-o", out.string()}, offlineArgs()), 3, out);
    EXPECT_FALSE(fs::exists(profile())) << "a profile was created for a download that could not start";
}

TEST_F(CliBadInput, UnwritableOutputDirIsBadInput) {
    const fs::path torrent = validTorrent();
    // Tests run as root, so permissions stop nothing: a directory under a regular file cannot exist.
    const fs::path file = dir_.path() / "a-regular-file";
    std::ofstream(file) << "not a directory";
    const fs::path out = file / "sub";
    expectFailure(concat({"download", torrent.string(), "-o", out.string()}, offlineArgs()), 3);
    EXPECT_EQ(fs::file_size(file), std::string("not a directory").size());
}

TEST_F(CliBadInput, BadRateIsUsageError) {
    const fs::path torrent = validTorrent();
    const fs::path out = dir_.path() / "out";
    expectFailure(
        concat({"download", torrent.string(), "-o", out.string(), "--down-limit", "12Q"}, offlineArgs()), 2,
        out);
    expectFailure(concat({"seed", torrent.string(), "--data", payload_.parent.string(), "--up-limit", "-5"},
                         offlineArgs()),
                  2);
    EXPECT_FALSE(fs::exists(profile())) << "a profile was created for a command line that was refused";
}

TEST_F(CliBadInput, UnknownOptionIsUsageError) {
    const fs::path out = dir_.path() / "out";
    expectFailure({"download", "x.torrent", "-o", out.string(), "--frobnicate"}, 2, out);
    expectFailure({"no-such-subcommand"}, 2);
    expectFailure(
        {"create", dir_.path().string(), "-o", (dir_.path() / "t.torrent").string(), "--v1", "--v2"}, 2,
        dir_.path() / "t.torrent");
}

TEST_F(CliBadInput, PortInUseIsRuntimeFailure) {
    const fs::path torrent = validTorrent();
    // Hold a listening TCP socket on 127.0.0.9:P (listening, so that SO_REUSEADDR cannot share it).
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = 0;
    ::inet_pton(AF_INET, "127.0.0.9", &addr.sin_addr);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ASSERT_EQ(::listen(fd, 4), 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    const int port = ntohs(addr.sin_port);

    expectFailure({"seed", torrent.string(), "--data", payload_.parent.string(), "--listen",
                   "127.0.0.9:" + std::to_string(port), "--no-dht", "--no-lsd", "--no-upnp", "--no-utp",
                   "--profile", profile().string()},
                  1);
    ::close(fd);
}

TEST_F(CliBadInput, CreateOfMissingPathIsBadInput) {
    const fs::path out = dir_.path() / "t.torrent";
    expectFailure({"create", (dir_.path() / "no-such-folder").string(), "-o", out.string(), "--v1"}, 3, out);
}

TEST_F(CliBadInput, CreateRefusesToOverwriteWithoutForce) {
    const fs::path torrent = validTorrent();
    const auto before = sha256File(torrent);
    const RunResult refused = runShoal({"create", payload_.root.string(), "-o", torrent.string(), "--v2"});
    EXPECT_NE(refused.exitCode, 0) << refused.out;
    EXPECT_EQ(refused.err.rfind("shoal: ", 0), 0u) << refused.err;
    EXPECT_EQ(sha256File(torrent), before);
    EXPECT_EQ(
        runShoal({"create", payload_.root.string(), "-o", torrent.string(), "--v2", "--force"}).exitCode, 0);
    EXPECT_NE(sha256File(torrent), before);
}

}  // namespace
}  // namespace shoal::test
