"""Scale data (规模测试数据): a province's worth of issuers, plans and a year of supervision, for load tests."""
