"""Price talks (议价): concession requests decided by authority level, maker never checker."""
