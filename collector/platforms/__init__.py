"""Platform APIs that know more than a feed: WordPress REST (complete threads), Blogger paging."""
