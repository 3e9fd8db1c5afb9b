use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sectors")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub name: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::service_site::Entity")]
    ServiceSite,
}

impl Related<super::service_site::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ServiceSite.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
