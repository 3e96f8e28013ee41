// The search library's side of an export (result_export.h): the matches' order, planned on a
// handle the export keeps checked out (its revision pinned) until it ends, and the batch reads.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include <xapian.h>

#include "index_handles.h"
#include "result_export.h"
#include "search_admission.h"

namespace briefing {

struct ExportOrder {
  std::vector<Xapian::docid> docids;  // up to the limit, in the export's order
  std::uint64_t total = 0;            // every match
};

using PlanExport = std::function<ExportOrder(IndexHandle&)>;

// Checks out a handle and plans on it (again on a fresh handle if the indexer committed twice
// meanwhile: nothing has been sent yet). Xapian's errors leave as IndexError.
std::unique_ptr<ResultExport> open_result_export(IndexHandles& handles, SearchAdmission& admission,
                                                 const ExportRequest& request,
                                                 const PlanExport& plan);

}  // namespace briefing
