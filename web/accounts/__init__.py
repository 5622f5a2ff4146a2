"""Departments (部门) per issuer and people's memberships with a role (督查室/部门/领导)."""
