// Walking an export's matches in batches over one pinned revision (result_stream.h).
#include "result_stream.h"

#include <algorithm>

#include "errors.h"
#include "revision_caches.h"

namespace briefing {

struct ResultExport::Impl {
  IndexHandles& handles;
  SearchAdmission& admission;
  std::unique_ptr<IndexHandle> handle;  // checked out until the export ends: its revision stays
  ExportOrder order;
  std::size_t batch;
  std::size_t next = 0;
  ExportSummary summary;

  ~Impl() {
    if (handle) handles.give_back(std::move(handle));
  }
};

ResultExport::ResultExport(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ResultExport::~ResultExport() = default;

const ExportSummary& ResultExport::summary() const {
  return impl_->summary;
}

bool ResultExport::next_batch(std::vector<std::string>& briefings) {
  // Each batch is a short read like a search's, so it takes a slot as one; waiting for one is
  // not bounded by a search's budget (the client has the first batches already), but by this.
  constexpr double kSlotWaitSeconds = 30;
  briefings.clear();
  Impl& s = *impl_;
  if (s.next >= s.order.docids.size()) return false;
  SearchAdmission::Ticket ticket = s.admission.enter(kSlotWaitSeconds);
  const std::size_t end = std::min(s.order.docids.size(), s.next + s.batch);
  try {
    for (; s.next < end; ++s.next)
      briefings.push_back(s.handle->db.get_document(s.order.docids[s.next]).get_data());
  } catch (const Xapian::DatabaseModifiedError& e) {
    // Starting again would repeat what the client has: the export ends here, unfinished.
    throw IndexError("the index changed twice since the export began (revision " +
                     std::to_string(s.summary.revision) + " is gone): " + e.get_msg());
  } catch (const Xapian::Error& e) {
    throw IndexError(e.get_type() + std::string(": ") + e.get_msg());
  }
  return true;
}

namespace {

std::unique_ptr<ResultExport::Impl> planned(IndexHandles& handles, SearchAdmission& admission,
                                            const ExportRequest& request, const PlanExport& plan) {
  std::unique_ptr<IndexHandle> h = handles.checkout();
  ExportOrder order = plan(*h);
  auto impl = std::unique_ptr<ResultExport::Impl>(
      new ResultExport::Impl{handles,
                             admission,
                             nullptr,
                             std::move(order),
                             std::max<std::size_t>(request.batch, 1),
                             0,
                             {}});
  impl->summary.total = impl->order.total;
  impl->summary.exported = impl->order.docids.size();
  impl->summary.truncated = impl->order.total > impl->order.docids.size();
  impl->summary.revision = index_revision(h->db);
  impl->handle = std::move(h);
  return impl;
}

}  // namespace

std::unique_ptr<ResultExport> open_result_export(IndexHandles& handles, SearchAdmission& admission,
                                                 const ExportRequest& request,
                                                 const PlanExport& plan) {
  constexpr int kAttempts = 3;
  for (int attempt = 1;; ++attempt) {
    try {
      return std::make_unique<ResultExport>(planned(handles, admission, request, plan));
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt >= kAttempts)
        throw IndexError("the index kept changing while an export was planned: " + e.get_msg());
    } catch (const Xapian::DatabaseOpeningError& e) {
      throw IndexError("cannot open the index: " + e.get_msg());
    } catch (const Xapian::Error& e) {
      throw IndexError(e.get_type() + std::string(": ") + e.get_msg());
    }
  }
}

}  // namespace briefing
