// Swarm lab scenarios: every example validates, and malformed scenarios are refused with the line and
// column (and JSON pointer) of each problem.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "shoal/swarm/scenario.h"

namespace shoal::test {
namespace {

namespace fs = std::filesystem;
using swarm::parseScenario;

const swarm::ScenarioIssue* findIssue(const swarm::ParsedScenario& parsed, const std::string& pointer) {
    for (const auto& issue : parsed.issues) {
        if (issue.pointer == pointer) return &issue;
    }
    return nullptr;
}

std::string allIssues(const swarm::ParsedScenario& parsed) {
    std::string text;
    for (const auto& issue : parsed.issues) text += swarm::formatIssue("s.json", issue) + "\n";
    return text;
}

TEST(SwarmScenario, EveryExampleValidates) {
    const fs::path dir = fs::path(SHOAL_SOURCE_DIR) / "swarm" / "examples";
    int count = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".json") continue;
        ++count;
        const auto parsed = swarm::loadScenarioFile(entry.path());
        EXPECT_TRUE(parsed.ok()) << entry.path() << "\n" << allIssues(parsed);
        EXPECT_FALSE(parsed.scenario.groups.empty()) << entry.path();
    }
    EXPECT_GE(count, 6) << "the examples are missing from " << dir;
}

TEST(SwarmScenario, ReadsEveryPart) {
    const auto parsed = parseScenario(R"({
      "name": "all", "seed": 9,
      "payload": {"size": "2MiB", "files": 2, "kind": "hybrid", "piece_size": "32KiB"},
      "discovery": "tracker",
      "transport": {"utp": true, "encryption": "require", "pex": true},
      "network": {"base": "127.90.0.0"},
      "groups": [
        {"name": "s", "role": "seeder", "count": 2, "upload_limit": "1M",
         "fault": {"type": "stall", "after": 1.5, "upload_rate": 2048}},
        {"name": "l", "role": "leecher", "count": 3, "join": 1, "join_spread": 2, "leave": 20,
         "churn": {"fraction": 0.5, "interval": 3, "downtime": 1}, "connections_limit": 10}
      ],
      "stop": {"when": "deadline", "deadline": 30},
      "expect": {"all_complete_by": 25, "no_corrupt_data": true, "max_hash_failures": 0},
      "report": {"sample_interval": 0.5, "verify": false}
    })");
    ASSERT_TRUE(parsed.ok()) << allIssues(parsed);
    const auto& s = parsed.scenario;
    EXPECT_EQ(s.payload.size, 2 << 20);
    EXPECT_EQ(s.payload.pieceSize, 32 << 10);
    EXPECT_EQ(s.payload.kind, TorrentVersion::Hybrid);
    EXPECT_EQ(s.discovery, swarm::Discovery::Tracker);
    EXPECT_TRUE(s.utp);
    EXPECT_EQ(s.encryption, EncryptionPolicy::Require);
    EXPECT_EQ(s.baseAddress, "127.90.0.0");
    ASSERT_EQ(s.groups.size(), 2u);
    EXPECT_EQ(s.groups[0].uploadLimit, 1 << 20);
    EXPECT_EQ(s.groups[0].fault.kind, swarm::FaultKind::Stall);
    EXPECT_EQ(s.groups[0].fault.uploadRate, 2048);
    EXPECT_DOUBLE_EQ(s.groups[1].churn.fraction, 0.5);
    EXPECT_EQ(s.groups[1].leave, 20.0);
    EXPECT_EQ(s.peerCount(), 5);
    EXPECT_EQ(s.leecherCount(), 3);
    EXPECT_FALSE(s.stop.whenAllComplete);
    ASSERT_TRUE(s.expect.has_value());
    EXPECT_EQ(s.expect->maxHashFailures, 0);
    EXPECT_FALSE(s.verify);
}

TEST(SwarmScenario, SyntaxErrorNamesLineAndColumn) {
    const auto parsed = parseScenario("{\n  \"name\": \"x\",\n  \"groups\": [\n    {\"role\": \"seeder\" \"count\": 1}\n  ]\n}\n");
    ASSERT_EQ(parsed.issues.size(), 1u);
    EXPECT_EQ(parsed.issues[0].line, 4);
    EXPECT_EQ(parsed.issues[0].column, 29);  // the end of "count", the token where a ',' or '}' was due
    EXPECT_NE(parsed.issues[0].message.find("invalid JSON"), std::string::npos) << parsed.issues[0].message;
}

// Found by fuzzing: nlohmann reports a number beyond a double's range as out_of_range, not parse_error.
TEST(SwarmScenario, NumberBeyondADoubleIsAnIssueNotACrash) {
    const auto parsed = parseScenario(R"({"name": "x", "seed": 72222220000000184569061039256E784})");
    ASSERT_EQ(parsed.issues.size(), 1u);
    EXPECT_NE(parsed.issues[0].message.find("invalid JSON: number overflow"), std::string::npos)
        << parsed.issues[0].message;
}

TEST(SwarmScenario, TruncatedFileNamesItsEnd) {
    const auto parsed = parseScenario("{\n  \"name\": \"x\",\n  \"groups\": [\n");
    ASSERT_EQ(parsed.issues.size(), 1u);
    EXPECT_EQ(parsed.issues[0].line, 4);
}

TEST(SwarmScenario, SemanticErrorsCarryPointerAndLine) {
    const auto parsed = parseScenario(R"({
  "name": "bad",
  "payload": {"size": "12Q", "kind": "v3"},
  "groups": [
    {"role": "seeder"},
    {"role": "leecher",
     "count": 0,
     "cout": 3,
     "churn": {"fraction": 2}}
  ],
  "stop": {"deadline": "soon"}
})");
    EXPECT_FALSE(parsed.ok());
    const struct {
        const char* pointer;
        int line;
        const char* words;
    } expected[] = {
        {"/payload/size", 3, "size"},
        {"/payload/kind", 3, "not one of"},
        {"/groups/1/count", 7, "between 1 and"},
        {"/groups/1/cout", 8, "unknown key 'cout'"},
        {"/groups/1/churn/fraction", 9, "between 0 and 1"},
        {"/stop/deadline", 11, "number"},
    };
    for (const auto& e : expected) {
        const auto* issue = findIssue(parsed, e.pointer);
        ASSERT_NE(issue, nullptr) << e.pointer << " not reported:\n" << allIssues(parsed);
        EXPECT_EQ(issue->line, e.line) << e.pointer;
        EXPECT_GT(issue->column, 0) << e.pointer;
        EXPECT_NE(issue->message.find(e.words), std::string::npos) << issue->message;
    }
    EXPECT_EQ(parsed.issues.size(), std::size(expected)) << allIssues(parsed);
}

TEST(SwarmScenario, RulesAcrossParts) {
    const auto noSeeder = parseScenario(R"({"name": "n", "groups": [{"role": "leecher", "count": 2}]})");
    ASSERT_NE(findIssue(noSeeder, "/groups"), nullptr) << allIssues(noSeeder);

    const auto aria2cV2 = parseScenario(R"({"name": "n", "payload": {"kind": "v2"}, "groups": [
        {"role": "seeder"},
        {"role": "leecher", "client": "aria2c"}]})");
    const auto* issue = findIssue(aria2cV2, "/groups/1/client");
    ASSERT_NE(issue, nullptr) << allIssues(aria2cV2);
    EXPECT_EQ(issue->line, 3);

    const auto corruptLeecher = parseScenario(R"({"name": "n", "groups": [
        {"role": "seeder"},
        {"role": "leecher", "fault": {"type": "corrupt", "pieces": 3}}]})");
    ASSERT_NE(findIssue(corruptLeecher, "/groups/1/fault"), nullptr) << allIssues(corruptLeecher);

    const auto badBase = parseScenario(R"({"name": "n", "network": {"base": "10.0.0.1"}, "groups": [{"role": "seeder"}]})");
    ASSERT_NE(findIssue(badBase, "/network/base"), nullptr) << allIssues(badBase);

    const auto badPiece = parseScenario(R"({"name": "n", "payload": {"kind": "v2", "piece_size": 49152},
        "groups": [{"role": "seeder"}]})");
    ASSERT_NE(findIssue(badPiece, "/payload/piece_size"), nullptr) << allIssues(badPiece);
}

TEST(SwarmScenario, SizesTakeBinaryUnits) {
    EXPECT_EQ(swarm::parseSize(nlohmann::json("16MiB")), 16 << 20);
    EXPECT_EQ(swarm::parseSize(nlohmann::json("512k")), 512 << 10);
    EXPECT_EQ(swarm::parseSize(nlohmann::json("1.5G")), (3ll << 30) / 2);
    EXPECT_EQ(swarm::parseSize(nlohmann::json(1000)), 1000);
    EXPECT_FALSE(swarm::parseSize(nlohmann::json("12Q")).has_value());
    EXPECT_FALSE(swarm::parseSize(nlohmann::json(true)).has_value());
}

}  // namespace
}  // namespace shoal::test
