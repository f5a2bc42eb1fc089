// Typed reading of one JSON object of a scenario: each getter checks the type and range of one key and
// records an issue (with the key's JSON pointer) instead of throwing; unknown keys are issues too.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "shoal/swarm/scenario.h"

namespace shoal::swarm {

class ObjectReader {
public:
    // `object` must outlive the reader. A non-object value is an issue, and every getter then returns
    // its fallback.
    ObjectReader(const nlohmann::json& object, std::string pointer, std::vector<ScenarioIssue>& issues);
    // Call last: every key not asked for is reported as unknown, with the known ones listed.
    void finish();

    bool has(const std::string& key) const;
    const nlohmann::json* raw(const std::string& key);  // marks the key as known
    std::string pointer(const std::string& key) const { return pointer_ + "/" + key; }
    const std::string& pointer() const { return pointer_; }

    std::optional<std::string> string(const std::string& key);
    std::optional<std::string> oneOf(const std::string& key, std::initializer_list<const char*> choices);
    std::optional<bool> boolean(const std::string& key);
    std::optional<double> number(const std::string& key, double min, double max);
    std::optional<std::int64_t> integer(const std::string& key, std::int64_t min, std::int64_t max);
    std::optional<std::int64_t> size(const std::string& key, std::int64_t min, std::int64_t max);

    void issue(const std::string& key, const std::string& message);

private:
    const nlohmann::json& object_;
    std::string pointer_;
    std::vector<ScenarioIssue>& issues_;
    std::set<std::string> known_;
    bool valid_ = true;
};

}  // namespace shoal::swarm
