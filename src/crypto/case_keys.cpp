#include "crypto/case_keys.h"

#include <sodium.h>

#include "crypto/detail.h"
#include "crypto/secretbox.h"

namespace conduct::crypto {
namespace {

constexpr std::size_t kHeaderBytes = 5;
static_assert(kSealedCaseValueOverhead == kHeaderBytes + kSecretboxOverheadBytes);

std::string header(std::uint32_t version) {
  std::string bytes(kHeaderBytes, '\0');
  bytes[0] = static_cast<char>(kSealedCaseValueTag);
  for (int i = 0; i < 4; ++i) bytes[1 + i] = static_cast<char>((version >> (8 * (3 - i))) & 0xFF);
  return bytes;
}

Error key_not_held() { return permission_denied("the case's key is not held"); }

}  // namespace

SecretBytes new_case_key() { return SecretBytes::random(kCaseKeyBytes); }

std::string case_value_associated_data(const SealContext& context, std::uint32_t key_version) {
  // Each part is length-prefixed so no two contexts share an encoding.
  std::string data = "conduct-case-value-v1";
  for (const std::string& part : {std::to_string(context.community_id), context.case_code, context.record,
                                  context.field, context.key_context, std::to_string(key_version)}) {
    data += '\n';
    data += std::to_string(part.size());
    data += ':';
    data += part;
  }
  return data;
}

std::string seal_case_value(const SecretBytes& key, std::uint32_t key_version, const SealContext& context,
                            std::string_view plaintext) {
  detail::require(key.size() == kCaseKeyBytes, "seal_case_value: the case key must be 32 bytes");
  return header(key_version) + seal_with_key(key, plaintext, case_value_associated_data(context, key_version));
}

Result<std::uint32_t> sealed_key_version(std::string_view sealed) {
  if (sealed.size() < kSealedCaseValueOverhead || static_cast<unsigned char>(sealed[0]) != kSealedCaseValueTag)
    return invalid_argument("not a sealed case value");
  std::uint32_t version = 0;
  for (int i = 0; i < 4; ++i) version = (version << 8) | static_cast<unsigned char>(sealed[1 + i]);
  return version;
}

Result<std::string> open_case_value(const SecretBytes& key, const SealContext& context, std::string_view sealed) {
  ASSIGN_OR_RETURN(const std::uint32_t version, sealed_key_version(sealed));
  ASSIGN_OR_RETURN(const SecretBytes plaintext,
                   open_with_key(key, sealed.substr(kHeaderBytes), case_value_associated_data(context, version)));
  return std::string(plaintext.view());
}

void CaseKeyring::hold(std::int64_t community_id, std::string_view case_code, std::uint32_t version, SecretBytes key,
                       bool current) {
  detail::require(key.size() == kCaseKeyBytes, "CaseKeyring::hold: the case key must be 32 bytes");
  CaseKeys& keys = cases_[CaseId{community_id, std::string(case_code)}];
  keys.by_version.insert_or_assign(version, std::move(key));
  if (current) keys.current = version;
}

const CaseKeyring::CaseKeys* CaseKeyring::find(std::int64_t community_id, std::string_view case_code) const {
  const auto found = cases_.find(CaseId{community_id, std::string(case_code)});
  return found == cases_.end() ? nullptr : &found->second;
}

bool CaseKeyring::holds(std::int64_t community_id, std::string_view case_code, std::uint32_t version) const {
  return key(community_id, case_code, version) != nullptr;
}

const SecretBytes* CaseKeyring::key(std::int64_t community_id, std::string_view case_code,
                                    std::uint32_t version) const {
  const CaseKeys* keys = find(community_id, case_code);
  if (!keys) return nullptr;
  const auto found = keys->by_version.find(version);
  return found == keys->by_version.end() ? nullptr : &found->second;
}

std::optional<std::uint32_t> CaseKeyring::current_version(std::int64_t community_id, std::string_view case_code) const {
  const CaseKeys* keys = find(community_id, case_code);
  return keys ? keys->current : std::nullopt;
}

std::vector<std::uint32_t> CaseKeyring::versions(std::int64_t community_id, std::string_view case_code) const {
  std::vector<std::uint32_t> held;
  if (const CaseKeys* keys = find(community_id, case_code))
    for (const auto& [version, key] : keys->by_version) held.push_back(version);
  return held;
}

void CaseKeyring::forget(std::int64_t community_id, std::string_view case_code) {
  cases_.erase(CaseId{community_id, std::string(case_code)});
}

void CaseKeyring::forget_all() { cases_.clear(); }

Result<std::string> CaseKeyring::seal(const SealContext& context, std::string_view plaintext) {
  if (plaintext.empty()) return std::string();
  const std::optional<std::uint32_t> version = current_version(context.community_id, context.case_code);
  if (!version) return key_not_held();
  return seal_case_value(*key(context.community_id, context.case_code, *version), *version, context, plaintext);
}

Result<std::string> CaseKeyring::open(const SealContext& context, std::string_view sealed) {
  if (sealed.empty()) return std::string();
  ASSIGN_OR_RETURN(const std::uint32_t version, sealed_key_version(sealed));
  const SecretBytes* case_key = key(context.community_id, context.case_code, version);
  if (!case_key) return key_not_held();
  return open_case_value(*case_key, context, sealed);
}

}  // namespace conduct::crypto
