// MemoryStore, the fake the app layer's unit tests use, against the conformance suite:
// it has to behave like the real backends or those tests would prove nothing.
#include "store/memory_store.h"

#include <memory>

#include "audit_conformance.h"
#include "evidence_conformance.h"
#include "retention_conformance.h"
#include "store_conformance.h"

namespace conduct::store::conformance {
namespace {

struct MemoryBackend {
  std::unique_ptr<Store> open(crypto::Sealer& sealer) { return std::make_unique<MemoryStore>(sealer); }
};

INSTANTIATE_TYPED_TEST_SUITE_P(Memory, StoreConformance, MemoryBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Memory, EvidenceConformance, MemoryBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Memory, RetentionConformance, MemoryBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Memory, AuditConformance, MemoryBackend);

}  // namespace
}  // namespace conduct::store::conformance
