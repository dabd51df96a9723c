"""What the resources of one API share: its checks, error bodies, rate limit, record order and
how its lists page (``zendesk_sell_list``: page numbers; ``ruddr_collection``: cursors)."""
