// The two wire formats and what a malformed request gets: legacy {method, arguments, tag} and JSON-RPC
// 2.0 (snake_case keys, notifications, batches), unknown methods, bad JSON, wrong argument types.
#include "rpc_fixture.h"

namespace shoal::test {
namespace {

class RpcProtocol : public RpcServerTest {
protected:
    void SetUp() override {
        RpcServerTest::SetUp();
        startServer();
    }
    json postJson(const std::string& body) {
        RawReply reply = post(body);
        EXPECT_EQ(reply.status, 200) << reply.body;
        return json::parse(reply.body, nullptr, false);
    }
};

TEST_F(RpcProtocol, LegacyAnswersCarryResultArgumentsAndTheTag) {
    const json answer =
        postJson(R"({"method":"session-get","arguments":{"fields":["version","rpc-version"]},"tag":42})");
    EXPECT_EQ(answer["result"], "success");
    EXPECT_EQ(answer["tag"], 42);
    EXPECT_EQ(answer["arguments"]["rpc-version"], 18);
    EXPECT_EQ(answer["arguments"].size(), 2u);  // only the fields asked for
}

TEST_F(RpcProtocol, JsonRpcUsesSnakeCaseAndEchoesTheId) {
    const json answer = postJson(
        R"({"jsonrpc":"2.0","method":"session_get","params":{"fields":["rpc_version_semver","download_dir"]},"id":"a1"})");
    EXPECT_EQ(answer["jsonrpc"], "2.0");
    EXPECT_EQ(answer["id"], "a1");
    EXPECT_EQ(answer["result"]["rpc_version_semver"], "6.0.0");
    EXPECT_TRUE(answer["result"].contains("download_dir")) << answer.dump();
    EXPECT_FALSE(answer.contains("error"));
}

TEST_F(RpcProtocol, JsonRpcNotificationsGet204AndBatchesAnswerEachCall) {
    RawReply notification = post(R"({"jsonrpc":"2.0","method":"session_stats","params":{}})");
    EXPECT_EQ(notification.status, 204);
    EXPECT_TRUE(notification.body.empty());

    const json batch = postJson(R"([{"jsonrpc":"2.0","method":"session_stats","id":1},
                                    {"jsonrpc":"2.0","method":"session_stats"},
                                    {"jsonrpc":"2.0","method":"no_such_method","id":2}])");
    ASSERT_TRUE(batch.is_array());
    ASSERT_EQ(batch.size(), 2u);
    EXPECT_EQ(batch[0]["id"], 1);
    EXPECT_TRUE(batch[0]["result"].contains("torrent_count"));
    EXPECT_EQ(batch[1]["error"]["code"], -32601);
    EXPECT_EQ(postJson("[]")["error"]["code"], -32600);
}

TEST_F(RpcProtocol, UnknownMethodsAreErrorsInBothFormats) {
    EXPECT_EQ(postJson(R"({"method":"torrent-explode","tag":3})")["result"],
              "method name not recognized: torrent-explode");
    const json rpc2 = postJson(R"({"jsonrpc":"2.0","method":"torrent_explode","id":3})");
    EXPECT_EQ(rpc2["error"]["code"], -32601);
}

TEST_F(RpcProtocol, MalformedJsonGetsAnErrorNotACrash) {
    const json legacy = postJson(R"({"method":"session-get",)");
    EXPECT_NE(legacy.value("result", "success"), "success");
    const json rpc2 = postJson(R"({"jsonrpc":"2.0","method":)");
    EXPECT_EQ(rpc2["error"]["code"], -32700);
    EXPECT_TRUE(rpc2["id"].is_null());
    for (const char* body : {"", "null", "42", "\"text\"", "{}", R"({"method":7})",
                             R"({"method":"session-get","arguments":[1]})"}) {
        const json answer = postJson(body);
        ASSERT_FALSE(answer.is_discarded()) << body;
        EXPECT_NE(answer.value("result", "success"), "success") << body << " -> " << answer.dump();
    }
    // The server still answers afterwards.
    EXPECT_EQ(postJson(R"({"method":"session-stats"})")["result"], "success");
}

TEST_F(RpcProtocol, WrongArgumentTypesAreInvalidParams) {
    const json legacy = postJson(R"({"method":"torrent-add","arguments":{"filename":42}})");
    EXPECT_NE(legacy["result"].get<std::string>().find("invalid arguments"), std::string::npos)
        << legacy.dump();
    const json rpc2 = postJson(
        R"({"jsonrpc":"2.0","method":"torrent_get","params":{"fields":["id"],"ids":{"x":1}},"id":9})");
    EXPECT_EQ(rpc2["error"]["code"], -32602);
    const json positional = postJson(R"({"jsonrpc":"2.0","method":"torrent_get","params":[["id"]],"id":10})");
    EXPECT_EQ(positional["error"]["code"], -32602);
    const json badVersion = postJson(R"({"jsonrpc":"1.0","method":"session_get","id":11})");
    EXPECT_EQ(badVersion["error"]["code"], -32600);
}

TEST_F(RpcProtocol, UnknownTorrentFieldsAreLeftOutAndUnknownSessionKeysIgnored) {
    const auto data = dir_.path() / "data";
    const CreatedTorrent t = makeTorrent(data, "one.bin", 64 * 1024);
    ok("torrent-add", {{"metainfo", base64Of(t.bytes)}});
    const json got = ok("torrent-get", {{"fields", {"id", "name", "noSuchField"}}});
    ASSERT_EQ(got["torrents"].size(), 1u);
    EXPECT_EQ(got["torrents"][0].size(), 2u) << got.dump();
    EXPECT_FALSE(got["torrents"][0].contains("noSuchField"));
    ok("session-set", {{"no-such-setting", true}});
}

}  // namespace
}  // namespace shoal::test
