// The storage interface. One implementation per database engine (sqlite/ now, postgres/
// in a later issue); each passes the same conformance suite (tests/store/
// store_conformance.h). Unit tests of the app and HTTP layers open SQLite in memory:
// there is no second, hand-written store to keep in step with the schema.
//
// Every write of one use case happens inside in_transaction(), so it is all or
// nothing. Confidential fields (marked "sealed" in domain/case.h) go through the
// Sealer the store was built with; callers always see plaintext.
//
// Threading: a Store is used by one thread at a time; the server serialises access.
// Errors: NotFound for a missing record, AlreadyExists for a unique key that is taken,
// Internal for I/O or corruption (the message names no confidential content).
//
// The interface is split by concern, one header each; Store is all of them, with the
// transaction that spans them.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "crypto/sealer.h"
#include "store/access_store.h"
#include "store/account_store.h"
#include "store/audit_store.h"
#include "store/case_store.h"
#include "store/community_store.h"
#include "store/decision_store.h"
#include "store/evidence_store.h"
#include "store/group_matter_store.h"
#include "store/intake_store.h"
#include "store/key_store.h"
#include "store/meeting_store.h"
#include "store/retention_store.h"
#include "store/snapshot_store.h"

namespace conduct::store {

struct StorageHealth {
  bool writable = true;
  std::string problem;  // when not writable, in words a client may read
};

class Store : public CommunityStore,
              public CaseStore,
              public DecisionStore,
              public EvidenceStore,
              public GroupMatterStore,
              public IntakeStore,
              public KeyStore,
              public MeetingStore,
              public AccessStore,
              public AccountStore,
              public AuditStore,
              public RetentionStore,
              public SnapshotStore {
 public:
  ~Store() override = default;

  // Runs `work` as one transaction: commits when it returns OK, rolls back and returns
  // its error otherwise. Transactions do not nest.
  virtual Status in_transaction(const std::function<Status()>& work) = 0;

  // Gives back the memory this connection's caches hold (pages read, statements kept),
  // keeping what is needed: for a connection that runs a long job now and then, so the
  // server's memory stays small between runs.
  virtual void release_memory() = 0;

  // Whether the store can be written now, and if not why ("storage is full", "storage is
  // read-only"): for the health check, without writing anything.
  virtual StorageHealth storage_health() = 0;
};

// How a store is opened: migrated to this program's schema, for use; or as stored, to
// snapshot it for a backup without changing it, or to load a snapshot into a new,
// empty database.
enum class Schema { Migrate, AsStored };

// Opens the store of one engine at `location` (SQLite: a database file, made when
// absent) with `sealer`, which must outlive it: how the layers above open a store
// without naming its engine. The CLI and main choose the engine.
using StoreOpener =
    std::function<Result<std::unique_ptr<Store>>(const std::string& location, crypto::Sealer& sealer, Schema schema)>;

}  // namespace conduct::store
