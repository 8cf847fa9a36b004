// What the store keeps for sealed records (docs/security.md "Per-case keys", "Granting and
// revoking", "What works without anyone signed in"). Byte fields are opaque to the
// store: src/app makes them with src/crypto; nothing here opens anything.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/time.h"
#include "domain/case.h"

namespace conduct::store {

// One version of a case's key, wrapped (a sealed box) for one holder: a member's
// certified X25519 key, or the community's recovery key (no member). Each (case,
// version, holder) has one wrap; saving another replaces it.
struct CaseKeyWrapRow {
  std::int64_t case_id = 0;
  std::uint32_t key_version = 0;
  std::optional<std::int64_t> member_id;  // absent: the recovery key
  std::string recipient_public;           // the X25519 key it is sealed to (a member's keys change at a reset)
  std::string wrapped_key;
  Timestamp created_at;
};

// A member as a holder of case keys: wraps sealed for `member_id` to `box_public`, the
// member's certified X25519 key.
// A key of a record that is not a case (a quarantined message, a meeting's minutes)
// sealed for one holder: a member's X25519 key, or the recovery key.
struct KeyWrapRow {
  std::optional<std::int64_t> member_id;  // absent: the recovery key
  std::string recipient_public;
  std::string wrapped_key;
};

struct KeyHolder {
  std::int64_t member_id = 0;
  std::string box_public;
};

// Which key version a case's new values are sealed with, and whether a holder was
// removed since (the next holder's write seals under a new version). Version 0: the
// case was written by a release without per-case keys and is still plaintext.
struct CaseKeyState {
  std::int64_t case_id = 0;
  std::uint32_t current_version = 0;
  bool rotation_due = false;
};

// The community's recovery public key and the root key's signature over it.
struct RecoveryKeyRow {
  std::int64_t community_id = 0;
  std::string box_public;
  std::string signature;
  Timestamp created_at;
};

// Blind indexes of a party's normalised contact, name and employer (empty when the
// field is empty); see crypto/blind_index.h.
struct PartyIndexes {
  std::string contact;
  std::string name;
  std::string employer;
};

// A party as matching sees it: no sealed field, only its role, its person record (for
// a reported person) and its indexes.
struct PartyIndexRow {
  std::int64_t case_id = 0;
  int party_number = 0;
  domain::PartyRole role = domain::PartyRole::Reporter;
  PartyIndexes indexes;
  std::optional<std::int64_t> person_id;
};

}  // namespace conduct::store
