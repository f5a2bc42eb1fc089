// The lines a lab and its peer processes (`shoal swarm peer`) exchange, one JSON object per line:
// the lab writes commands on the peer's stdin, the peer answers and reports on its stdout.
//
//   lab -> peer: {"cmd":"join", "member":{...}, "scenario":{...}, "payload":{...}, "context":{...}}  (first line)
//                {"cmd":"connect","endpoint":"ip:port"}  {"cmd":"stall","rate":N}  {"cmd":"quit"}
//   peer -> lab: {"reply":"join","ok":true,"endpoint":"ip:port","torrent":ID,"corrupted":[...]}
//                or {"reply":"join","ok":false,"error":"..."}
//                {"sample":{...},"rss":PEAK,"anon":NOW}  every tick (bytes: peak RSS, resident heap now);  {"note":"finished|hash_failed|banned|metadata",
//                "at":T,"detail":"..."}  as they happen;  {"reply":"quit","sample":{...}}  as its last line.
//
// A peer process joins once: leaving is quitting, and a rejoin is a new process on the same profile.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "member.h"
#include "payload.h"

namespace shoal::swarm {

nlohmann::json toJson(const PreparedPayload& payload);
// Reads the torrent's bytes back from the file named in the JSON.
Result<PreparedPayload> payloadFromJson(const nlohmann::json& j);

nlohmann::json toJson(const MemberSample& s);
MemberSample sampleFromJson(const nlohmann::json& j);

const char* toString(MemberNote::Kind kind);
std::optional<MemberNote::Kind> noteKindFromString(const std::string& text);

nlohmann::json toJson(const MemberSpec::Carried& c);
MemberSpec::Carried carriedFromJson(const nlohmann::json& j);

}  // namespace shoal::swarm
