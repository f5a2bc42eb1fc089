// Each RPC method against a LocalSession behind the server: its happy path and its error path.
#include "rpc_fixture.h"

namespace shoal::test {
namespace {

class RpcMethods : public RpcServerTest {
protected:
    void SetUp() override {
        RpcServerTest::SetUp();
        startServer();
        data_ = dir_.path() / "data";
    }

    // Adds a v1 torrent whose data is in data_ (seeded from it); returns its id.
    TorrentId addSeeded(const std::string& name, std::int64_t size = 64 * 1024) {
        const CreatedTorrent t = makeTorrent(data_, name, size);
        const json added =
            ok("torrent-add", {{"metainfo", base64Of(t.bytes)}, {"download-dir", data_.string()}});
        EXPECT_TRUE(added.contains("torrent-added")) << added.dump();
        const TorrentId id = added["torrent-added"].value("id", TorrentId{0});
        // The session knows sizes once libtorrent has the torrent (a tick after add returns).
        EXPECT_TRUE(eventually([&] {
            const auto s = session_->status(id);
            return s && s->totalWanted > 0;
        }));
        return id;
    }

    json torrent(TorrentId id, std::vector<std::string> fields) {
        const json got = ok("torrent-get", {{"ids", {id}}, {"fields", fields}});
        return got["torrents"].empty() ? json() : got["torrents"][0];
    }

    int statusOf(TorrentId id) { return torrent(id, {"status"}).value("status", -1); }

    std::filesystem::path data_;
};

TEST_F(RpcMethods, TorrentAddTakesMetainfoAndNamesTheTorrent) {
    const CreatedTorrent t = makeTorrent(data_, "a.bin", 64 * 1024);
    const json added =
        ok("torrent-add", {{"metainfo", base64Of(t.bytes)}, {"paused", true}, {"labels", {"x", "y"}}});
    const json& info = added["torrent-added"];
    EXPECT_GT(info["id"].get<TorrentId>(), 0);
    EXPECT_EQ(info["name"], "a.bin");
    EXPECT_EQ(info["hashString"], t.hashes.v1);
    EXPECT_EQ(torrent(info["id"], {"labels"})["labels"], json({"x", "y"}));
    // The same torrent again is a duplicate with the same id, still a success.
    const json again = ok("torrent-add", {{"metainfo", base64Of(t.bytes)}});
    EXPECT_EQ(again["torrent-duplicate"]["id"], info["id"]);
}

TEST_F(RpcMethods, TorrentAddTakesAPathAMagnetOrAHash) {
    const CreatedTorrent t = makeTorrent(data_, "b.bin", 64 * 1024);
    const auto file = writeTorrentFile(dir_.path() / "b.torrent", t);
    EXPECT_EQ(ok("torrent-add", {{"filename", file.string()}})["torrent-added"]["name"], "b.bin");
    const std::string hash(40, 'c');
    const json magnet =
        ok("torrent-add", {{"filename", "magnet:?xt=urn:btih:" + hash + "&dn=m"}, {"paused", true}});
    EXPECT_EQ(magnet["torrent-added"]["hashString"], hash);
    const json bare = ok("torrent-add", {{"filename", std::string(40, 'd')}, {"paused", true}});
    EXPECT_EQ(bare["torrent-added"]["hashString"], std::string(40, 'd'));
}

TEST_F(RpcMethods, TorrentAddRefusesWhatIsNotATorrent) {
    for (const json& args : {json{{"metainfo", "@@not base64@@"}}, json{{"metainfo", "aGVsbG8="}},  // "hello"
                             json{{"filename", (dir_.path() / "missing.torrent").string()}},
                             json{{"filename", "http://example.invalid/x.torrent"}}, json::object()}) {
        const json answer = call("torrent-add", args);
        EXPECT_NE(answer.value("result", "success"), "success") << args.dump();
    }
    EXPECT_TRUE(session_->torrents().empty());
}

TEST_F(RpcMethods, V2OnlyTorrentsAreNamedByTheirTruncatedV2Hash) {
    const CreatedTorrent t = makeTorrent(data_, "v2.bin", 64 * 1024, TorrentVersion::V2);
    ASSERT_TRUE(t.hashes.v1.empty());
    const json added = ok("torrent-add", {{"metainfo", base64Of(t.bytes)}, {"paused", true}});
    EXPECT_EQ(added["torrent-added"]["hashString"], t.hashes.v2.substr(0, 40));
    const TorrentId id = added["torrent-added"]["id"];
    const json fields = torrent(id, {"hashString", "shoal-hash-v2"});
    EXPECT_EQ(fields["shoal-hash-v2"], t.hashes.v2);
    // Both hash forms select it.
    EXPECT_EQ(ok("torrent-get", {{"ids", {t.hashes.v2}}, {"fields", {"id"}}})["torrents"].size(), 1u);
    EXPECT_EQ(
        ok("torrent-get", {{"ids", {t.hashes.v2.substr(0, 40)}}, {"fields", {"id"}}})["torrents"].size(), 1u);
}

TEST_F(RpcMethods, TorrentGetGivesObjectsOrATableAndNeedsFields) {
    const TorrentId a = addSeeded("g1.bin"), b = addSeeded("g2.bin");
    const json objects =
        ok("torrent-get", {{"fields", {"id", "name", "sizeWhenDone", "files", "hashString"}}});
    ASSERT_EQ(objects["torrents"].size(), 2u);
    EXPECT_EQ(objects["torrents"][0]["id"], a);
    EXPECT_EQ(objects["torrents"][1]["id"], b);
    EXPECT_EQ(objects["torrents"][0]["sizeWhenDone"], 64 * 1024);
    EXPECT_EQ(objects["torrents"][0]["files"][0]["name"], "g1.bin");
    EXPECT_EQ(objects["torrents"][1]["files"][0]["name"], "g2.bin");
    // Details of many torrents come in one trip to the engine; an unknown id among them is skipped.
    const json mixed = ok("torrent-get", {{"fields", {"id", "files"}}, {"ids", json::array({999, b})}});
    ASSERT_EQ(mixed["torrents"].size(), 1u) << mixed.dump();
    EXPECT_EQ(mixed["torrents"][0]["id"], b);

    const json table = ok("torrent-get", {{"fields", {"id", "name"}}, {"format", "table"}, {"ids", {b}}});
    EXPECT_EQ(table["torrents"], json({{"id", "name"}, {b, "g2.bin"}}));

    EXPECT_NE(call("torrent-get", json::object()).value("result", "success"), "success");
    EXPECT_NE(call("torrent-get", {{"fields", {"id"}}, {"format", "csv"}}).value("result", "success"),
              "success");
    EXPECT_TRUE(
        ok("torrent-get", {{"fields", {"id"}}, {"ids", {999}}})["torrents"].empty());  // unknown ids: skipped
}

TEST_F(RpcMethods, RecentlyActiveListsChangesAndRemovals) {
    const TorrentId a = addSeeded("r1.bin");
    const TorrentId b = addSeeded("r2.bin");
    ok("torrent-remove", {{"ids", {b}}});
    json got;
    ASSERT_TRUE(eventually([&] {
        got = ok("torrent-get", {{"ids", "recently-active"}, {"fields", {"id"}}});
        return got["removed"] == json({b});
    })) << got.dump();
    ASSERT_EQ(got["torrents"].size(), 1u);
    EXPECT_EQ(got["torrents"][0]["id"], a);
}

TEST_F(RpcMethods, StopStartAndVerifyChangeTheState) {
    const TorrentId id = addSeeded("s.bin");
    ASSERT_TRUE(eventually([&] { return statusOf(id) == 6; }))
        << torrent(id, {"status", "errorString"}).dump();
    ok("torrent-stop", {{"ids", {id}}});
    EXPECT_TRUE(eventually([&] { return statusOf(id) == 0; }));
    ok("torrent-start", {{"ids", id}});
    EXPECT_TRUE(eventually([&] { return statusOf(id) == 6; }));
    ok("torrent-verify", {{"ids", {id}}});
    EXPECT_TRUE(
        eventually([&] { return statusOf(id) == 6 && torrent(id, {"percentDone"})["percentDone"] == 1.0; }));
    ok("torrent-reannounce", {{"ids", {id}}});
    ok("torrent-start-now", {{"ids", {id}}});
    // Bad ids are an error, unknown ids are not (Transmission's rule).
    EXPECT_NE(call("torrent-stop", {{"ids", {true}}}).value("result", "success"), "success");
    ok("torrent-stop", {{"ids", {12345}}});
}

TEST_F(RpcMethods, TorrentSetChangesLimitsLabelsFilesAndGoals) {
    const TorrentId id = addSeeded("set.bin");
    ok("torrent-set", {{"ids", {id}},
                       {"downloadLimit", 100},
                       {"downloadLimited", true},
                       {"labels", {"tv"}},
                       {"seedRatioLimit", 1.5},
                       {"seedRatioMode", 1},
                       {"shoal-category", "linux"},
                       {"shoal-seed-time-goal", 3600}});
    ASSERT_TRUE(eventually([&] {
        const json t = torrent(id, {"downloadLimit", "downloadLimited", "labels", "seedRatioLimit",
                                    "seedRatioMode", "shoal-category", "shoal-seed-time-goal"});
        return t["downloadLimit"] == 100 && t["downloadLimited"] == true && t["labels"] == json({"tv"}) &&
               t["seedRatioLimit"] == 1.5 && t["seedRatioMode"] == 1 && t["shoal-category"] == "linux" &&
               t["shoal-seed-time-goal"] == 3600;
    })) << torrent(id,
                   {"downloadLimit", "labels", "seedRatioLimit", "shoal-category", "shoal-seed-time-goal"})
               .dump();

    ok("torrent-set", {{"ids", {id}}, {"files-unwanted", {0}}});
    EXPECT_TRUE(eventually([&] { return torrent(id, {"wanted"})["wanted"] == json::array({0}); }));
    ok("torrent-set", {{"ids", {id}}, {"files-wanted", json::array()}, {"priority-high", {0}}});
    EXPECT_TRUE(eventually([&] {
        return torrent(id, {"priorities", "wanted"}) == json({{"priorities", {1}}, {"wanted", {1}}});
    }));

    EXPECT_NE(call("torrent-set", {{"ids", {id}}, {"files-wanted", {7}}}).value("result", "success"),
              "success");
    EXPECT_NE(call("torrent-set", {{"ids", {id}}, {"downloadLimit", "fast"}}).value("result", "success"),
              "success");
}

TEST_F(RpcMethods, RemoveWithDeleteLocalDataDeletesTheFiles) {
    const TorrentId keep = addSeeded("keep.bin"), drop = addSeeded("drop.bin");
    ASSERT_TRUE(eventually([&] { return statusOf(drop) == 6; }));
    ok("torrent-remove", {{"ids", {keep}}});
    ok("torrent-remove", {{"ids", {drop}}, {"delete-local-data", true}});
    EXPECT_TRUE(eventually([&] { return session_->torrents().empty(); }));
    EXPECT_TRUE(std::filesystem::exists(data_ / "keep.bin"));
    EXPECT_TRUE(eventually([&] { return !std::filesystem::exists(data_ / "drop.bin"); }));
    EXPECT_NE(call("torrent-remove", {{"ids", "nonsense-hash"}, {"delete-local-data", "yes"}})
                  .value("result", "success"),
              "success");
}

TEST_F(RpcMethods, SetLocationMovesAndRenamePathRenames) {
    const TorrentId id = addSeeded("move.bin");
    ASSERT_TRUE(eventually([&] { return statusOf(id) == 6; }));
    const auto elsewhere = dir_.path() / "elsewhere";
    std::filesystem::create_directories(elsewhere);
    ok("torrent-set-location", {{"ids", {id}}, {"location", elsewhere.string()}, {"move", true}});
    EXPECT_TRUE(eventually([&] { return std::filesystem::exists(elsewhere / "move.bin"); }));
    EXPECT_TRUE(
        eventually([&] { return torrent(id, {"downloadDir"})["downloadDir"] == elsewhere.string(); }));
    EXPECT_NE(call("torrent-set-location", {{"ids", {id}}, {"location", "relative/dir"}})
                  .value("result", "success"),
              "success");

    const json renamed =
        ok("torrent-rename-path", {{"ids", {id}}, {"path", "move.bin"}, {"name", "moved.bin"}});
    EXPECT_EQ(renamed, json({{"id", id}, {"path", "move.bin"}, {"name", "moved.bin"}}));
    EXPECT_TRUE(eventually([&] { return std::filesystem::exists(elsewhere / "moved.bin"); }));
    EXPECT_NE(call("torrent-rename-path", {{"ids", {id}}, {"path", "nope.bin"}, {"name", "x"}})
                  .value("result", "success"),
              "success");
    EXPECT_NE(call("torrent-rename-path", {{"ids", {id}}, {"path", "moved.bin"}, {"name", "a/b"}})
                  .value("result", "success"),
              "success");
}

TEST_F(RpcMethods, QueueMovesAcceptIdsAndRefuseBadOnes) {
    const TorrentId a = addSeeded("q1.bin");
    for (const char* method : {"queue-move-top", "queue-move-up", "queue-move-down", "queue-move-bottom"}) {
        ok(method, {{"ids", {a}}});
        EXPECT_NE(call(method, {{"ids", {json::object()}}}).value("result", "success"), "success") << method;
    }
}

TEST_F(RpcMethods, SessionGetAndSetRoundTrip) {
    // The peer port is known once the session reports its listen socket.
    ASSERT_TRUE(eventually([&] { return !session_->totals().listenEndpoints.empty(); }));
    const json all = ok("session-get");
    for (const char* key :
         {"version", "rpc-version", "rpc-version-semver", "rpc-version-minimum", "download-dir", "peer-port",
          "encryption", "speed-limit-down", "units", "session-id", "shoal-settings"})
        EXPECT_TRUE(all.contains(key)) << key;
    EXPECT_EQ(all["session-id"], sessionId_);
    EXPECT_GT(all["peer-port"].get<int>(), 0);

    ok("session-set",
       {{"speed-limit-down", 250}, {"speed-limit-down-enabled", true}, {"encryption", "required"}});
    const json now =
        ok("session-get", {{"fields", {"speed-limit-down", "speed-limit-down-enabled", "encryption"}}});
    EXPECT_EQ(
        now,
        json({{"speed-limit-down", 250}, {"speed-limit-down-enabled", true}, {"encryption", "required"}}));
    EXPECT_EQ(session_->settings().downloadLimit, 250 * 1024);
    EXPECT_NE(call("session-set", {{"encryption", "sometimes"}}).value("result", "success"), "success");
    EXPECT_NE(call("session-set", {{"peer-port", 70000}}).value("result", "success"), "success");
}

// Transmission's keys tell what the daemon runs with (its overrides: DHT off here); shoal-settings is
// what is stored, and a session-set must not store the overrides.
TEST_F(RpcMethods, SessionGetShowsWhatRunsAndSessionSetStoresOnlyWhatItWasGiven) {
    const json all = ok("session-get");
    EXPECT_EQ(all["dht-enabled"], false);
    EXPECT_EQ(all["shoal-effective-settings"]["enable_dht"], false);
    EXPECT_EQ(all["shoal-settings"]["enable_dht"], true);
    ok("session-set", {{"speed-limit-up", 100}, {"speed-limit-up-enabled", true}});
    EXPECT_TRUE(session_->settings().enableDht);
    EXPECT_EQ(ok("session-get", {{"fields", {"speed-limit-up"}}})["speed-limit-up"], 100);
}

TEST_F(RpcMethods, AltSpeedAndIncompleteDirMapToTheSettings) {
    ok("session-set", {{"alt-speed-down", 50}, {"alt-speed-up", 20}, {"alt-speed-enabled", true},
                       {"alt-speed-time-enabled", true}, {"alt-speed-time-begin", 60},
                       {"alt-speed-time-end", 120}, {"alt-speed-time-day", 65}});
    const Settings s = session_->settings();
    EXPECT_EQ(s.altDownloadLimit, 50 * 1024);
    EXPECT_EQ(s.altUploadLimit, 20 * 1024);
    EXPECT_TRUE(s.altSpeedEnabled);
    EXPECT_TRUE(s.altSpeedScheduled);
    EXPECT_EQ(s.altSpeedBeginMinute, 60);
    EXPECT_EQ(s.altSpeedEndMinute, 120);
    EXPECT_EQ(s.altSpeedDays, 65);
    const json alt = ok("session-get", {{"fields", {"alt-speed-down", "alt-speed-up", "alt-speed-enabled",
                                                    "alt-speed-time-enabled", "alt-speed-time-begin",
                                                    "alt-speed-time-end", "alt-speed-time-day"}}});
    EXPECT_EQ(alt, json({{"alt-speed-down", 50}, {"alt-speed-up", 20}, {"alt-speed-enabled", true},
                         {"alt-speed-time-enabled", true}, {"alt-speed-time-begin", 60},
                         {"alt-speed-time-end", 120}, {"alt-speed-time-day", 65}}));

    const std::string incomplete = (data_ / "incomplete").string();
    ok("session-set", {{"incomplete-dir", incomplete}, {"incomplete-dir-enabled", true}});
    EXPECT_EQ(session_->settings().incompleteSavePath, incomplete);
    EXPECT_EQ(ok("session-get", {{"fields", {"incomplete-dir", "incomplete-dir-enabled"}}}),
              json({{"incomplete-dir", incomplete}, {"incomplete-dir-enabled", true}}));
    ok("session-set", {{"incomplete-dir-enabled", false}});
    EXPECT_EQ(session_->settings().incompleteSavePath, "");
    EXPECT_NE(call("session-set", {{"incomplete-dir-enabled", true}}).value("result", "success"), "success");
    EXPECT_NE(call("session-set", {{"alt-speed-time-begin", 5000}}).value("result", "success"), "success");
}

TEST_F(RpcMethods, SessionStatsFreeSpacePortTestAndBlocklist) {
    addSeeded("st.bin");
    const json stats = ok("session-stats");
    EXPECT_EQ(stats["torrentCount"], 1);
    EXPECT_TRUE(stats["current-stats"].contains("uploadedBytes"));
    EXPECT_TRUE(stats["cumulative-stats"].contains("downloadedBytes"));

    const json space = ok("free-space", {{"path", dir_.path().string()}});
    EXPECT_GT(space["size-bytes"].get<std::int64_t>(), 0);
    EXPECT_NE(call("free-space", {{"path", (dir_.path() / "missing").string()}}).value("result", "success"),
              "success");
    EXPECT_NE(call("free-space").value("result", "success"), "success");

    EXPECT_EQ(ok("port-test")["port-is-open"], true);  // our peer socket on 127.0.0.1 accepts connections
    EXPECT_NE(call("blocklist-update").value("result", "success").find("blocklist"), std::string::npos);
    EXPECT_NE(call("session-close").value("result", "success"), "success");  // no close callback here
}

// Shoal's daily traffic history: a list of days (empty before any traffic), of one torrent or of all.
TEST_F(RpcMethods, TrafficHistoryListsDaysAndChecksItsArguments) {
    const TorrentId id = addSeeded("h.bin");
    EXPECT_TRUE(ok("shoal-traffic-history")["days"].is_array());
    EXPECT_TRUE(ok("shoal-traffic-history", {{"id", id}, {"days", 7}})["days"].is_array());
    EXPECT_NE(call("shoal-traffic-history", {{"days", 0}}).value("result", "success"), "success");
    EXPECT_NE(call("shoal-traffic-history", {{"id", "x"}}).value("result", "success"), "success");
}

TEST_F(RpcMethods, MetricsListEveryTorrent) {
    const TorrentId id = addSeeded("m.bin");
    const RawReply metrics = sendRaw(port(), "GET", "/metrics", "", {{"Host", host()}});
    ASSERT_EQ(metrics.status, 200);
    EXPECT_NE(metrics.body.find("shoal_torrents 1\n"), std::string::npos) << metrics.body;
    EXPECT_NE(metrics.body.find("shoal_torrent_size_bytes{id=\"" + std::to_string(id) + "\""),
              std::string::npos);
    EXPECT_NE(metrics.body.find("name=\"m.bin\"} 65536\n"), std::string::npos) << metrics.body;
}

}  // namespace
}  // namespace shoal::test
